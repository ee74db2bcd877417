using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionGen.Generator.Emitting;
using SessionGen.Generator.Model;
using SessionGen.Generator.Parsing;

namespace SessionGen.Generator;

/// <summary>
/// Emits, for every <c>[SessionProcess]</c> class, its message records, dispatch table, timeout wiring,
/// context members and typed client. Parse (symbols to a value model), then emit (model to text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SessionProcessGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ProcessModel?> processes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.SessionProcessAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => ProcessParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Processes);

        IncrementalValuesProvider<ProcessModel> validProcesses = processes
            .Where(static process => process is not null)
            .Select(static (process, _) => process!)
            .WithTrackingName(TrackingNames.ValidProcesses);

        context.RegisterSourceOutput(validProcesses, static (output, process) =>
            output.AddSource(process.Hierarchy.HintName, ProcessEmitter.Emit(process)));

        // JSON readers for SessionGen.AspNetCore, only in projects that reference it.
        IncrementalValueProvider<bool> httpReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(JsonBindingEmitter.InterfaceMetadataName) is not null)
            .WithTrackingName(TrackingNames.HttpReferenced);

        IncrementalValuesProvider<ProcessModel> httpProcesses = validProcesses
            .Combine(httpReferenced)
            .Where(static pair => pair.Right)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.HttpProcesses);

        context.RegisterSourceOutput(httpProcesses, static (output, process) =>
            output.AddSource(process.Hierarchy.HttpHintName, JsonBindingEmitter.Emit(process)));
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// The stored fields of a durable process: SGEN0030 for a type that cannot be stored at all, SGEN0031 for a type the
/// compilation's <c>JsonSerializerContext</c>s do not list, SGEN0034 for an auto-property that cannot be set back.
/// </summary>
public sealed class DurableStateAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnstorableField,
        DiagnosticDescriptors.FieldNotInSerializerContext,
        DiagnosticDescriptors.UnrestorableAutoProperty);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        // Found once per compilation, and only when a durable process needs them.
        var contexts = new Lazy<SerializerContexts?>(() => SerializerContexts.Find(context.Compilation));
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types, contexts), SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types, Lazy<SerializerContexts?> contexts)
    {
        if (context.Symbol is not INamedTypeSymbol process || DurableProcesses.IsDurable(process, types) != true)
        {
            return;
        }

        foreach (DurableProcesses.StoredMember stored in DurableProcesses.StoredMembers(process))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (TypeChecks.ContainsErrorType(stored.Type))
            {
                continue;
            }

            Location location = Locations.Of(stored.Member);
            string member = DurableProcesses.Describe(stored.Member);
            string type = stored.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            if (StorableTypes.WhyUnstorable(stored.Type) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnstorableField, location, member, process.Name, type, reason));
            }
            else if (!stored.Restorable)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnrestorableAutoProperty, location, stored.Member.Name, process.Name));
            }
            else if (contexts.Value is { } known && !known.CanWrite(stored.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FieldNotInSerializerContext, location, member, process.Name, type, known.Names));
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Http;

/// <summary>
/// SGEN0036: an event emitted by a process that the project serves over HTTP (<c>MapSessionProcess&lt;P&gt;</c> is
/// called somewhere in it) whose type no <c>JsonSerializerContext</c> of the project lists. Which processes are mapped
/// is known only once every call has been seen, so the rule reports at the end of the compilation.
/// </summary>
public sealed class EventNotInSerializerContextAnalyzer : SessionGenAnalyzer
{
    private const string MapperMetadataName = "SessionGen.SessionEndpointRouteBuilderExtensions";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.EventNotInSerializerContext);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        // Without SessionGen.AspNetCore nothing is served over HTTP; without a context the app uses reflection.
        if (context.Compilation.GetTypeByMetadataName(MapperMetadataName) is not { } mapper
            || SerializerContexts.Find(context.Compilation) is not { } contexts)
        {
            return;
        }

        var mapped = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
        var emitted = new ConcurrentQueue<EmittedEvent>();
        context.RegisterOperationAction(
            operationContext => Collect((IInvocationOperation)operationContext.Operation, types, mapper, mapped, emitted),
            OperationKind.Invocation);
        context.RegisterCompilationEndAction(endContext =>
        {
            foreach (EmittedEvent emit in emitted)
            {
                if (mapped.ContainsKey(emit.Process) && !contexts.CanWrite(emit.Type))
                {
                    endContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.EventNotInSerializerContext,
                        emit.Location,
                        emit.Process.Name,
                        emit.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                        contexts.Names));
                }
            }
        });
    }

    private static void Collect(
        IInvocationOperation invocation,
        SessionGenTypes types,
        INamedTypeSymbol mapper,
        ConcurrentDictionary<INamedTypeSymbol, bool> mapped,
        ConcurrentQueue<EmittedEvent> emitted)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method is { Name: "MapSessionProcess", TypeArguments.Length: 1 }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, mapper)
            && method.TypeArguments[0] is INamedTypeSymbol process)
        {
            mapped.TryAdd(process.OriginalDefinition, true);
            return;
        }

        // Only the generated Emit and EmitTo: a user's own method of that name is theirs.
        if (method is not { Name: "Emit" or "EmitTo", IsStatic: false, ContainingType: { } emitter }
            || GeneratedFiles.IsDeclaredByUser(method)
            || !types.IsProcess(emitter))
        {
            return;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "event" && EventType(argument.Value) is { } type)
            {
                emitted.Enqueue(new EmittedEvent(emitter.OriginalDefinition, type, argument.Syntax.GetLocation()));
            }
        }
    }

    /// <summary>
    /// The argument's own static type (before its conversion to <c>object</c>), when it says what will be written:
    /// not for <c>object</c>, an interface or an abstract class, whose values' types are known only at run time.
    /// </summary>
    private static ITypeSymbol? EventType(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value.Type is { } type
            && type.SpecialType != SpecialType.System_Object
            && type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Enum or TypeKind.Array
            && !type.IsAbstract
                ? type
                : null;
    }

    private sealed class EmittedEvent(INamedTypeSymbol process, ITypeSymbol type, Location location)
    {
        public INamedTypeSymbol Process { get; } = process;

        public ITypeSymbol Type { get; } = type;

        public Location Location { get; } = location;
    }
}

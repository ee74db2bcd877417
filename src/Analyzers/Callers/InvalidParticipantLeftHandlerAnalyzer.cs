using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Model;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Callers;

/// <summary>
/// SGEN0039: the runtime calls an <c>[OnParticipantLeft]</c> method with the participant's id on the session's turn, so
/// it must be an instance method of the process taking one <c>string</c> and returning void, Task or ValueTask (the
/// generator's <c>LifecycleHandlerParser.ParseParticipantLeft</c>); any other shape is left out and never called.
/// </summary>
public sealed class InvalidParticipantLeftHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidParticipantLeftHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        if (types.OnParticipantLeft is not null)
        {
            context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !HasAttribute(method, types.OnParticipantLeft!) || Problem(method, types) is not { } problem)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidParticipantLeftHandler, Locations.Of(method), method.Name, problem));
    }

    internal static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol attributeType)
    {
        if (!DeclaredAttributes.MayHaveAny(method))
        {
            return false;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What is wrong with the method, said so that it follows "The [OnParticipantLeft] method 'M'"; null when nothing.</summary>
    private static string? Problem(IMethodSymbol method, SessionGenTypes types)
    {
        if (method.ContainingType is not { } type || !types.IsProcess(type))
        {
            return "is not declared in a [SessionProcess] class";
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "is not an ordinary method";
        }

        if (method.IsStatic)
        {
            return "is static";
        }

        if (method.IsGenericMethod)
        {
            return "is generic";
        }

        if (HandlerRules.IsAsyncVoid(method))
        {
            return "is 'async void'";
        }

        if (HandlerRules.ClassifyReturn(method, out _) is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask))
        {
            return $"returns '{method.ReturnType.ToDisplayString()}'";
        }

        if (method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return method.Parameters.Length == 0
                ? "takes no parameter"
                : $"takes ({string.Join(", ", method.Parameters.Select(static parameter => parameter.ToDisplayString()))})";
        }

        return null;
    }
}

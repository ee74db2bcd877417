using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// SGEN0028: an <c>[AcceptedIn]</c> or <c>[MovesTo]</c> argument of a handler that is not a member of the process's
/// states enum (another enum, a number, a cast to a value the enum does not declare, null), or any such argument when
/// the process declares no states enum. The generator leaves these out, so the protocol is not what it says.
/// </summary>
public sealed class UndeclaredStateAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UndeclaredState);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        (StatesDeclarationKind kind, ITypeSymbol? statesType) = StatesDeclaration.Of(process, types.SessionProcess);
        if (kind == StatesDeclarationKind.Unbound)
        {
            return;
        }

        ProtocolStates? states = statesType is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType ? ProtocolStates.Of(enumType) : null;
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (HandlerAttribute handler in ProcessHandlers.Of(process, types))
        {
            if (seen.Add(handler.Method))
            {
                Check(context, StateList.AcceptedIn(handler.Method, types), handler.Method, process, kind, statesType, states);
                Check(context, StateList.MovesTo(handler.Method, types), handler.Method, process, kind, statesType, states);
            }
        }
    }

    private static void Check(
        SymbolAnalysisContext context,
        StateList? list,
        IMethodSymbol method,
        INamedTypeSymbol process,
        StatesDeclarationKind kind,
        ITypeSymbol? statesType,
        ProtocolStates? states)
    {
        if (list is null)
        {
            return;
        }

        for (int i = 0; i < list.Arguments.Length; i++)
        {
            TypedConstant argument = list.Arguments[i];
            if (argument.Kind == TypedConstantKind.Error || (states is not null && states.IndexOf(argument) >= 0))
            {
                continue;
            }

            Location location = list.ArgumentLocation(i, context.CancellationToken);
            (string reason, string advice) = Explain(kind, statesType, argument);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UndeclaredState,
                location == Location.None ? Locations.Of(method) : location,
                TextOf(location, argument, context.CancellationToken),
                list.Name,
                method.Name,
                process.Name,
                reason,
                advice));
        }
    }

    private static (string Reason, string Advice) Explain(StatesDeclarationKind kind, ITypeSymbol? statesType, TypedConstant argument)
    {
        if (kind == StatesDeclarationKind.None)
        {
            return ("the process declares no States enum", "set States = typeof(YourStates) on its [SessionProcess], or remove the attribute");
        }

        string statesName = statesType!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (kind == StatesDeclarationKind.NotEnum)
        {
            return ($"its States type '{statesName}' is not an enum", "set States to the enum whose members are the process's states");
        }

        string reason = argument.Kind == TypedConstantKind.Enum && argument.Type is { } otherEnum
            && !SymbolEqualityComparer.Default.Equals(otherEnum, statesType)
                ? $"it belongs to '{otherEnum.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}', not to its States enum '{statesName}'"
                : $"it is not a member of its States enum '{statesName}'";
        return (reason, $"use a member of '{statesName}'");
    }

    private static string TextOf(Location location, TypedConstant argument, CancellationToken cancellationToken) =>
        location.SourceTree is { } tree
            ? tree.GetText(cancellationToken).ToString(location.SourceSpan)
            : argument.IsNull ? "null" : argument.ToCSharpString();
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Names;

/// <summary>
/// SGEN0022: the generator adds members to the process class (<c>GeneratedNames</c>, and one <c>Schedule{Name}</c> and
/// one <c>{Name}TimeoutCall</c> struct per timeout). A user member with one of those names silently replaces it (SessionId, Emit, …), removes all
/// generated code (Messages, Client, …) or drops the timeout; an inherited one is hidden; a class named like
/// one cannot contain it. An operation named <c>Messages</c> would need a record named like its own class.
/// </summary>
public sealed class GeneratedMemberCollisionAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.GeneratedMemberCollision);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        IReadOnlyList<HandlerAttribute> handlers = ProcessHandlers.Of(process, types);
        foreach (HandlerAttribute handler in handlers)
        {
            if (ProcessHandlers.IsReservedOperation(handler))
            {
                Report(context, handler.NameLocation(context.CancellationToken), $"Operation \"{handler.ValidName}\"", ProcessHandlers.ReservedOperationName, process, "rename the operation");
            }
        }

        HashSet<string> generated = GeneratedMembers(handlers);
        if (generated.Contains(process.Name))
        {
            Report(context, Locations.Of(process), $"The class name '{process.Name}'", process.Name, process, "rename the class");
        }

        foreach (ISymbol member in process.GetMembers())
        {
            if (generated.Contains(member.Name) && !member.IsImplicitlyDeclared && GeneratedFiles.IsDeclaredByUser(member))
            {
                Report(context, Locations.Of(member), $"Member '{member.Name}'", member.Name, process, "rename the member");
            }
        }

        ReportInherited(context, process, generated);
    }

    /// <summary>Members of base types that the generated ones would hide; one report per name, the nearest base first.</summary>
    private static void ReportInherited(SymbolAnalysisContext context, INamedTypeSymbol process, HashSet<string> generated)
    {
        var reported = new HashSet<string>();
        for (INamedTypeSymbol? baseType = process.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (generated.Contains(member.Name)
                    && !member.IsImplicitlyDeclared
                    && context.Compilation.IsSymbolAccessibleWithin(member, process)
                    && reported.Add(member.Name))
                {
                    Report(
                        context,
                        Locations.Of(process),
                        $"Member '{member.Name}' inherited from '{baseType.Name}'",
                        member.Name,
                        process,
                        "derive the process from a type without that member");
                }
            }
        }
    }

    private static HashSet<string> GeneratedMembers(IReadOnlyList<HandlerAttribute> handlers)
    {
        var names = new HashSet<string>(GeneratedNames.EssentialMembers);
        names.UnionWith(GeneratedNames.OptionalMembers);
        foreach ((HandlerAttribute handler, _) in ProcessHandlers.NameClaims(handlers, HandlerKind.Timeout))
        {
            names.Add(GeneratedNames.ScheduleMethod(handler.TypeName!));
            names.Add(GeneratedNames.TimeoutCallType(handler.TypeName!));
        }

        return names;
    }

    private static void Report(SymbolAnalysisContext context, Location location, string what, string name, INamedTypeSymbol process, string advice) =>
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.GeneratedMemberCollision, location, what, name, process.Name, advice));
}

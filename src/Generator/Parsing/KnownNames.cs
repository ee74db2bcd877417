using System;
using Microsoft.CodeAnalysis;

namespace SessionGen.Generator.Parsing;

/// <summary>The metadata names of the runtime's attributes the generator reads (the names it generates are in <see cref="GeneratedNames"/>).</summary>
internal static class KnownNames
{
    public const string SessionProcessAttribute = "SessionGen.SessionProcessAttribute";
    public const string OnAttribute = "SessionGen.OnAttribute";
    public const string OnTimeoutAttribute = "SessionGen.OnTimeoutAttribute";
    public const string OnFaultAttribute = "SessionGen.OnFaultAttribute";
    public const string OnIdleAttribute = "SessionGen.OnIdleAttribute";
    public const string OnParticipantLeftAttribute = "SessionGen.OnParticipantLeftAttribute";
    public const string SessionCaller = "SessionGen.SessionCaller";
    public const string SessionFaultedException = "SessionGen.SessionFaultedException";
    public const string CorrelationAttribute = "SessionGen.CorrelationAttribute";
    public const string AcceptedInAttribute = "SessionGen.AcceptedInAttribute";
    public const string MovesToAttribute = "SessionGen.MovesToAttribute";
    public const string FinalStateAttribute = "SessionGen.FinalStateAttribute";
    public const string TransientAttribute = "SessionGen.TransientAttribute";

    /// <summary>
    /// Whether <paramref name="type"/> is the non-generic, top-level type <paramref name="metadataName"/> (one of the
    /// names above): what <c>ToDisplayString() == metadataName</c> says, without formatting a string for every
    /// attribute of every member (issue 16).
    /// </summary>
    public static bool Is(INamedTypeSymbol? type, string metadataName)
    {
        if (type is null || type.Arity != 0 || type.ContainingType is not null)
        {
            return false;
        }

        int end = metadataName.Length;
        int dot = metadataName.LastIndexOf('.');
        if (!Matches(type.Name, metadataName, dot + 1, end))
        {
            return false;
        }

        INamespaceSymbol? space = type.ContainingNamespace;
        while (dot >= 0)
        {
            end = dot;
            dot = metadataName.LastIndexOf('.', end - 1);
            if (space is null || space.IsGlobalNamespace || !Matches(space.Name, metadataName, dot + 1, end))
            {
                return false;
            }

            space = space.ContainingNamespace;
        }

        return space is null || space.IsGlobalNamespace;
    }

    private static bool Matches(string name, string text, int start, int end) =>
        name.Length == end - start && string.CompareOrdinal(name, 0, text, start, name.Length) == 0;
}

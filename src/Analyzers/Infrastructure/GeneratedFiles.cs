using System;
using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// Recognizes the SessionGen generator's own output. The analyzers see the compilation with the generated
/// members in it; those must never count as the user's (a generated <c>Emit</c> is not a collision).
/// </summary>
internal static class GeneratedFiles
{
    /// <summary>Every hint name the generator uses ends with this (see <c>ProcessParser.HintName</c>).</summary>
    public const string HintNameSuffix = ".SessionGen.g.cs";

    public static bool IsSessionGenOutput(SyntaxTree tree) =>
        tree.FilePath.EndsWith(HintNameSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when at least one declaration of <paramref name="symbol"/> is written by the user.</summary>
    public static bool IsDeclaredByUser(ISymbol symbol)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (!IsSessionGenOutput(reference.SyntaxTree))
            {
                return true;
            }
        }

        return false;
    }
}

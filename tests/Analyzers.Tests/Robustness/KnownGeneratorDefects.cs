using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// Errors in generated code that this test has found and that are reported to the generator's owners, each
/// recognised narrowly (by the user's own error that triggers it) so that any other error in generated code still
/// fails the test. The test prints how often each one occurred. When the generator is fixed, delete the entry: the
/// test then guards the fix.
/// </summary>
internal static partial class KnownGeneratorDefects
{
    /// <summary>The name of the known defect that explains <paramref name="error"/>, or null when none does.</summary>
    public static string? Explain(Diagnostic error, IReadOnlyCollection<Diagnostic> userErrors, SyntaxTree mutant)
    {
        // A member declared twice with the same signature (the user sees CS0111, or a syntax error made two
        // declarations identical): the generator still calls it, and the call is ambiguous.
        if (error.Id == "CS0121"
            && (userErrors.Any(static user => user.Id == "CS0111")
                || AmbiguousBetweenIdenticalCandidates().IsMatch(error.GetMessage(CultureInfo.InvariantCulture))))
        {
            return "member declared twice with the same signature";
        }

        // A syntax error left a declaration without its name ('class {', 'string[] )', 'namespace ;'): the generator
        // writes the empty name into its output.
        if (mutant.GetRoot().DescendantTokens().Any(static token => token.IsKind(SyntaxKind.IdentifierToken) && token.IsMissing
                && token.Parent is BaseTypeDeclarationSyntax or MethodDeclarationSyntax or ParameterSyntax or IdentifierNameSyntax { Parent: BaseNamespaceDeclarationSyntax }))
        {
            return "declaration whose name is missing after a syntax error";
        }

        // A top-level type declared private or protected (the user sees CS1527): the generator derives the
        // generated members' accessibility from it.
        if (error.Id is "CS0050" or "CS0051" or "CS0057" or "CS0122" or "CS1503" && userErrors.Any(static user => user.Id == "CS1527"))
        {
            return "top-level process declared private or protected";
        }

        // Two starters whose parameter types differ only in nested nullable annotations (List<string> and
        // List<string?>): the generator keeps both, and their StartAsync overloads clash. SGEN0020 reports it.
        if (error.Id == "CS0111" && error.GetMessage(CultureInfo.InvariantCulture).Contains("'StartAsync'", StringComparison.Ordinal))
        {
            return "starters that differ only in nested nullable annotations";
        }

        return null;
    }

    [GeneratedRegex("between the following methods or properties: '(.+)' and '\\1'")]
    private static partial Regex AmbiguousBetweenIdenticalCandidates();
}

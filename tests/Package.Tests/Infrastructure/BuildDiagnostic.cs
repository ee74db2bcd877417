using System.Text.RegularExpressions;

namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>
/// One diagnostic as MSBuild prints it, e.g.
/// <c>/tmp/app/Broken.cs(9,24): error SGEN0011: Handler 'Ping' is static, … [/tmp/app/App.csproj]</c>.
/// </summary>
public sealed partial record BuildDiagnostic(string? File, int? Line, int? Column, string Severity, string Id, string Message)
{
    public bool IsError => Severity == "error";

    /// <summary>Trimming (IL2xxx) and Native AOT (IL3xxx) analysis diagnostics.</summary>
    public bool IsTrimOrAot => TrimOrAotId().IsMatch(Id);

    /// <summary>Every distinct diagnostic in a build's output (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string buildOutput) =>
        buildOutput
            .Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(FromMatch)
            .Distinct()
            .ToList();

    public override string ToString() =>
        File is null ? $"{Severity} {Id}: {Message}" : $"{File}({Line},{Column}): {Severity} {Id}: {Message}";

    private static BuildDiagnostic FromMatch(Match match) => new(
        match.Groups["file"].Success ? match.Groups["file"].Value.Trim() : null,
        match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value) : null,
        match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value) : null,
        match.Groups["severity"].Value,
        match.Groups["id"].Value,
        match.Groups["message"].Value.Trim());

    // "file(line,col[,endLine,endCol]): [Trim analysis ]error ID: message [project]", or "origin : error ID: message".
    [GeneratedRegex("""
        ^\s*(?:(?<file>[^(]+?)\((?<line>\d+)(?:,(?<column>\d+))?(?:,\d+,\d+)?\)|(?<origin>[^:]+?))\s*:
        \s*(?:[A-Za-z ]+?\s)?(?<severity>error|warning)\s+(?<id>[A-Za-z]+\d+)\s*:
        \s*(?<message>.*?)(?:\s+\[[^\]]+\])?\s*$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"^IL[23]\d{3}$")]
    private static partial Regex TrimOrAotId();
}

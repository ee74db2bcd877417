namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>
/// What the tests that compare the generator's syntax path with its symbol path share (issue 16): a process generated
/// from one declaration, and again with an empty second <c>partial</c> declaration, which sends it down the symbol path.
/// </summary>
internal static class SyntaxAndSymbolPaths
{
    /// <summary>Every generated file of <paramref name="run"/>, by hint name, as one text to compare.</summary>
    public static string Texts(GeneratorRun run) =>
        string.Join("\n", run.GeneratedSources.OrderBy(static source => source.HintName, StringComparer.Ordinal).Select(static source => source.HintName + "\n" + source.SourceText));

    /// <summary>Indents a process's members into its class body; preprocessor lines stay at the start of the line.</summary>
    public static string Indent(string text) => string.Join("\n", text.Split('\n').Select(static line => line.StartsWith('#') ? line : "        " + line));
}

using SessionGen.Package.Tests.Infrastructure;

namespace SessionGen.Package.Tests;

/// <summary>The other tests' verdicts rest on this parser: it must find what MSBuild, csc and ILC really print.</summary>
public sealed class BuildDiagnosticParsingTests
{
    [Fact]
    public void Reads_file_line_column_id_and_message_of_a_compiler_error()
    {
        const string output = """
              Determining projects to restore...
            /tmp/app/Broken.cs(11,25): error SGEN0011: Handler 'Ping' is static, but handlers run on their session's instance; remove the 'static' modifier [/tmp/app/App.csproj]

            Build FAILED.

            /tmp/app/Broken.cs(11,25): error SGEN0011: Handler 'Ping' is static, but handlers run on their session's instance; remove the 'static' modifier [/tmp/app/App.csproj]
                0 Warning(s)
                1 Error(s)
            """;

        BuildDiagnostic diagnostic = Assert.Single(BuildDiagnostic.Parse(output));

        Assert.Equal(
            new BuildDiagnostic("/tmp/app/Broken.cs", 11, 25, "error", "SGEN0011", "Handler 'Ping' is static, but handlers run on their session's instance; remove the 'static' modifier"),
            diagnostic);
    }

    [Fact]
    public void Finds_trim_and_AOT_warnings_from_the_Roslyn_analyzer_and_from_ILC()
    {
        const string output = """
            /src/Runtime/Registry.cs(42,13): warning IL2026: Using member 'System.Type.GetMethods()' which has 'RequiresUnreferencedCodeAttribute' [/src/Runtime/Runtime.csproj]
            ILC : AOT analysis warning IL3050: Program.<Main>$(String[]): Using member 'MakeGenericType' which has 'RequiresDynamicCodeAttribute' [/src/App/App.csproj]
            /src/App/Program.cs(7): Trim analysis error IL2075: 'this' argument does not satisfy 'DynamicallyAccessedMemberTypes.PublicMethods' [/src/App/App.csproj]
            /src/App/Program.cs(9,1): warning CS0168: The variable 'x' is declared but never used [/src/App/App.csproj]
            """;

        IReadOnlyList<BuildDiagnostic> diagnostics = BuildDiagnostic.Parse(output);

        Assert.Equal(["IL2026", "IL3050", "IL2075", "CS0168"], diagnostics.Select(d => d.Id));
        Assert.Equal([true, true, true, false], diagnostics.Select(d => d.IsTrimOrAot));
        Assert.Equal(7, diagnostics[2].Line);
        Assert.Null(diagnostics[2].Column);
        Assert.True(diagnostics[2].IsError);
    }

    [Fact]
    public void Ignores_lines_that_only_mention_errors()
    {
        const string output = """
                0 Warning(s)
                0 Error(s)
            Build succeeded.
            warning: the session ended
            """;

        Assert.Empty(BuildDiagnostic.Parse(output));
    }
}

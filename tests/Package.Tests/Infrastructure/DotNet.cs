namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI the way a user's shell would: no MSBuild state inherited from the test host, no build
/// nodes left behind, English messages, plain (non-terminal) logging.
/// </summary>
public static class DotNet
{
    /// <summary>The dotnet that runs these tests when the CLI says so (it sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static readonly string Executable = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessResult Run(
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string?>
        {
            // Set by `dotnet test` for its own in-process MSBuild; a child CLI must find its SDK by itself.
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        foreach ((string name, string? value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ChildProcess.Run(Executable, arguments, workingDirectory, timeout, environment);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>A generator driver that records every pipeline step, for caching tests and for reading the models.</summary>
internal static class TrackedDriver
{
    public static GeneratorDriver Create() =>
        CSharpGeneratorDriver.Create(
            [new SessionProcessGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs <paramref name="driver"/> and returns the driver (which keeps its cache) and this run's result.</summary>
    public static (GeneratorDriver Driver, GeneratorRunResult Result) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (driver, result);
    }

    /// <summary>The reasons of every output of the named step in this run; fails if the step did not run.</summary>
    public static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"step '{stepName}' was not tracked");
        IncrementalStepRunReason[] reasons = steps.SelectMany(static step => step.Outputs).Select(static output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }

    /// <summary>The reasons of every source output of this run.</summary>
    public static IncrementalStepRunReason[] SourceOutputReasons(GeneratorRunResult result)
    {
        Assert.True(result.TrackedOutputSteps.TryGetValue(WellKnownGeneratorOutputs.SourceOutput, out var steps), "no source output was tracked");
        IncrementalStepRunReason[] reasons = steps.SelectMany(static step => step.Outputs).Select(static output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }

    /// <summary>The values the named step produced in this run.</summary>
    public static object[] Values(GeneratorRunResult result, string stepName) =>
        result.TrackedSteps[stepName].SelectMany(static step => step.Outputs).Select(static output => output.Value).ToArray();
}

using Microsoft.CodeAnalysis;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;
using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Generator.Tests.Inputs;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Durable processes (<c>[SessionProcess(Durable = true)]</c>): what is stored, that the model stays plain values,
/// and names and shapes that could break the generated <c>WriteState</c>/<c>ReadState</c>/<c>RestoreTimeout</c>.
/// The full text is the <c>Durable_process</c> snapshot.
/// </summary>
public sealed class DurableProcessTests
{
    [Fact]
    public async Task Stored_fields_are_the_instance_fields_and_settable_auto_properties_not_marked_transient_in_declaration_order()
    {
        ProcessModel model = await ParseAsync(DurableProcess.Source);

        DurableModel durable = Assert.IsType<DurableModel>(model.Durable);
        Assert.Equal(["participants", "name", "checked", "Rounds"], durable.Fields.Select(static field => field.Name));
        Assert.Equal([true, false, false, false], durable.Fields.Select(static field => field.IsReadOnly));
    }

    [Fact]
    public async Task Durable_model_holds_no_roslyn_state()
    {
        ProcessModel model = await ParseAsync(DurableProcess.Source);

        ModelGraphWalker walker = ModelGraphWalker.Walk(model);

        Assert.True(walker.Violations.Count == 0, string.Join("\n", walker.Violations));
        Assert.Superset(new HashSet<Type> { typeof(DurableModel), typeof(StoredFieldModel), typeof(EquatableArray<StoredFieldModel>) }, walker.VisitedTypes);
    }

    [Fact]
    public async Task A_process_that_is_not_durable_has_no_durable_model_and_no_durable_members()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(SeedSessionManager.Source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.DoesNotContain("Durable", text);
        Assert.DoesNotContain("RestoreTimeout", text);
    }

    [Fact]
    public async Task Names_that_the_generated_members_use_themselves_still_compile()
    {
        // Fields named like the parameters and locals of the generated methods, a keyword, a timeout parameter named
        // like the RestoreTimeout parameters, and a durable process without timeouts or fields elsewhere.
        GeneratorRun run = await GeneratorRun.RunAsync("""
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess(Durable = true)]
            public partial class Names
            {
                private string state = "";
                private int value0;
                private readonly int value1 = 1;
                private string arguments = "";
                private double @event;
                private object? process;

                [On("Start", StartsSession = true)]
                private void Start() => ScheduleLater(TimeSpan.FromSeconds(1), "a", 1, 2.0, null);

                [OnTimeout("Later")]
                private void Later(string name, int delay, double arguments, object? process)
                {
                    state = name;
                    value0 = delay + value1;
                    @event = arguments;
                    this.process = process;
                    this.arguments = state;
                }
            }

            [SessionProcess(Durable = true)]
            public partial class Empty
            {
                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);

        run.AssertCompilesCleanly();
    }

    [Fact]
    public async Task Pointers_and_get_only_auto_properties_are_left_out_and_the_rest_still_compiles()
    {
        GeneratorRun run = await GeneratorRun.RunAsync("""
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess(Durable = true)]
            public unsafe partial class Odd
            {
                private int* pointer;
                private delegate*<void> callback;
                public string Fixed { get; } = "x";
                public string Init { get; init; } = "y";
                public string Settable { get; set; } = "z";
                public event EventHandler? Changed;

                [On("Start", StartsSession = true)]
                private void Start() { pointer = null; callback = null; Changed?.Invoke(this, EventArgs.Empty); }
            }
            """);

        run.AssertAddsNoProblems();
        string text = run.SingleText();
        Assert.Contains("state.Write<string>(\"Settable\", this.Settable);", text);
        Assert.DoesNotContain("(\"pointer\"", text);
        Assert.DoesNotContain("(\"callback\"", text);
        Assert.DoesNotContain("(\"Fixed\"", text);
        Assert.DoesNotContain("(\"Init\"", text);
        Assert.DoesNotContain("(\"Changed\"", text);
    }

    [Fact]
    public async Task A_field_whose_type_does_not_bind_adds_no_error_in_the_generated_file()
    {
        GeneratorRun run = await GeneratorRun.RunAsync("""
            using System.Collections.Generic;
            using SessionGen;

            namespace Sample;

            [SessionProcess(Durable = true)]
            public partial class Broken
            {
                private Missing? missing;
                private List<Missing> more = new();
                private int count;

                [On("Start", StartsSession = true)]
                private void Start() => count++;
            }
            """);

        run.AssertAddsNoProblems();
        Assert.Contains("state.Write<int>(\"count\", this.count);", run.SingleText());
    }

    private static async Task<ProcessModel> ParseAsync(string source)
    {
        Compilation compilation = await TestCompilation.CreateAsync(source);
        (_, GeneratorRunResult result) = TrackedDriver.Run(TrackedDriver.Create(), compilation);
        return Assert.IsType<ProcessModel>(Assert.Single(TrackedDriver.Values(result, TrackingNames.ValidProcesses)));
    }
}

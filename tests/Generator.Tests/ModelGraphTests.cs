using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;
using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Models hold only plain values: no symbol, syntax node, location, compilation, semantic model or syntax tree,
/// which would defeat caching and keep old compilations alive. The walker is itself checked to descend and to fail.
/// </summary>
public sealed class ModelGraphTests
{
    /// <summary>A process that fills every part of the model: containers, operations, parameters, timeouts, starters, omitted members.</summary>
    private const string EveryPartSource = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        public partial class Outer
        {
            [SessionProcess("Sample.Everything")]
            public partial class Everything
            {
                [On("Start", StartsSession = true)]
                private void Start(string name, int[] numbers) { }

                [On("Ask")]
                private Task<string?> Ask(string question, CancellationToken cancellationToken) => Task.FromResult<string?>(question);

                [OnTimeout("Tick")]
                private void Tick(DateTimeOffset at) { }

                private static void Connect() { }
            }
        }
        """;

    [Fact]
    public async Task Process_model_holds_no_roslyn_state()
    {
        ProcessModel model = await ParseAsync(EveryPartSource);

        ModelGraphWalker walker = ModelGraphWalker.Walk(model);

        Assert.True(walker.Violations.Count == 0, string.Join("\n", walker.Violations));
        Assert.Superset(
            new HashSet<Type>
            {
                typeof(ProcessModel), typeof(ContainingTypeModel), typeof(OperationModel), typeof(HandlerModel),
                typeof(ParameterModel), typeof(TimeoutModel), typeof(ReturnKind), typeof(EquatableArray<string>),
            },
            walker.VisitedTypes);
    }

    [Fact]
    public async Task Model_for_the_walk_is_the_one_the_source_describes()
    {
        ProcessModel model = await ParseAsync(EveryPartSource);

        Assert.Equal("Sample.Everything", model.ProtocolName);
        Assert.Equal(["Outer"], model.Hierarchy.ContainingTypes.Select(static type => type.Name));
        Assert.Equal(["Start", "Ask"], model.Operations.Select(static operation => operation.Name));
        Assert.Equal(["name", "numbers"], model.Operations[0].Handler.Parameters.Select(static parameter => parameter.Name));
        Assert.True(model.Operations[1].Handler.TakesCancellationToken);
        Assert.Equal("Tick", Assert.Single(model.Timeouts).Name);
        Assert.Equal(["Connect"], model.OmittedMembers);
    }

    [Fact]
    public async Task Walker_finds_each_kind_of_roslyn_state_wherever_it_is_nested()
    {
        Compilation compilation = await TestCompilation.CreateAsync("class C { void M() { } }");
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxNode root = tree.GetRoot();
        object[] forbidden =
        [
            compilation,
            tree,
            root,
            root.GetFirstToken(),
            root.GetLocation(),
            compilation.GetSemanticModel(tree),
            compilation.GetTypeByMetadataName("C")!,
            compilation.GetTypeByMetadataName("C")!.DeclaringSyntaxReferences[0],
        ];

        foreach (object value in forbidden)
        {
            var holder = new Holder("ok", new[] { new Holder("inner", EquatableArray<Holder>.Empty, value) }.ToEquatableArray(), null);

            ModelGraphWalker walker = ModelGraphWalker.Walk(holder);

            string violation = Assert.Single(walker.Violations);
            Assert.StartsWith("Holder.Children[0].Value is a ", violation);
        }
    }

    [Fact]
    public void Walker_rejects_values_that_are_not_model_types()
    {
        var holder = new Holder("ok", EquatableArray<Holder>.Empty, new System.Text.StringBuilder());

        ModelGraphWalker walker = ModelGraphWalker.Walk(holder);

        Assert.Contains("StringBuilder", Assert.Single(walker.Violations));
    }

    private static async Task<ProcessModel> ParseAsync(string source)
    {
        Compilation compilation = await TestCompilation.CreateAsync(source);
        (_, GeneratorRunResult result) = TrackedDriver.Run(TrackedDriver.Create(), compilation);
        return Assert.IsType<ProcessModel>(Assert.Single(TrackedDriver.Values(result, TrackingNames.ValidProcesses)));
    }

    private sealed record Holder(string Name, EquatableArray<Holder> Children, object? Value);
}

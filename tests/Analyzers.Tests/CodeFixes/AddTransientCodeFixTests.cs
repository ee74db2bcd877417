using SessionGen.Analyzers.CodeFixes.Fixes;
using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.CodeFixes;

public sealed class AddTransientCodeFixTests
{
    [Fact]
    public Task Marks_unstorable_fields_and_properties_transient() =>
        Verify<DurableStateAnalyzer>.CodeFixAsync<AddTransientCodeFixProvider>(
            """
            [SessionProcess(Durable = true)]
            public partial class Worker
            {
                /// <summary>Stops the work.</summary>
                private readonly CancellationTokenSource {|SGEN0030:stop|} = new();
                [Obsolete] private Task {|SGEN0030:pending|} = Task.CompletedTask;
                public Action? {|SGEN0030:Callback|} { get; set; }
                public string {|SGEN0034:Name|} { get; } = "";
                private int count;

                [On("Start", StartsSession = true)]
                private void Start() => count++;
            }
            """,
            """
            [SessionProcess(Durable = true)]
            public partial class Worker
            {
                /// <summary>Stops the work.</summary>
                [Transient]
                private readonly CancellationTokenSource stop = new();
                [Transient]
                [Obsolete] private Task pending = Task.CompletedTask;
                [field: Transient]
                public Action? Callback { get; set; }
                [field: Transient]
                public string Name { get; } = "";
                private int count;

                [On("Start", StartsSession = true)]
                private void Start() => count++;
            }
            """);

    [Fact]
    public Task Marks_a_field_missing_from_the_serializer_context_transient_with_the_full_name_when_SessionGen_is_not_imported() =>
        Verify<DurableStateAnalyzer>.CodeFixAsync<AddTransientCodeFixProvider>(
            """
            public sealed record Customer(string Name);

            [System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
            public abstract partial class AppJsonContext : System.Text.Json.Serialization.JsonSerializerContext
            {
                protected AppJsonContext() : base(null) { }
            }

            [SessionGen.SessionProcess(Durable = true)]
            public partial class Shop
            {
                private Customer? {|SGEN0031:customer|};

                [SessionGen.On("Start", StartsSession = true)]
                private void Start() => customer = new Customer("ann");
            }
            """,
            """
            public sealed record Customer(string Name);

            [System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
            public abstract partial class AppJsonContext : System.Text.Json.Serialization.JsonSerializerContext
            {
                protected AppJsonContext() : base(null) { }
            }

            [SessionGen.SessionProcess(Durable = true)]
            public partial class Shop
            {
                [global::SessionGen.Transient]
                private Customer? customer;

                [SessionGen.On("Start", StartsSession = true)]
                private void Start() => customer = new Customer("ann");
            }
            """,
            withUsings: false);
}

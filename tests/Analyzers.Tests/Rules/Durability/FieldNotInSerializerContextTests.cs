using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Durability;

public sealed class FieldNotInSerializerContextTests
{
    /// <summary>What the System.Text.Json source generator would complete; abstract so the test compiles without it.</summary>
    private const string Context = """
        public sealed record Order(string Id, Line[] Lines);
        public sealed record Line(string Sku, int Count);
        public sealed record Customer(string Name);
        public enum Stage { Open, Closed }

        [System.Text.Json.Serialization.JsonSerializable(typeof(Order))]
        [System.Text.Json.Serialization.JsonSerializable(typeof(HashSet<string>))]
        public abstract partial class AppJsonContext : System.Text.Json.Serialization.JsonSerializerContext
        {
            protected AppJsonContext() : base(null) { }
        }

        """;

    [Fact]
    public Task Fires_on_a_stored_type_that_no_context_lists_nor_makes() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync(Context + """
            [SessionProcess(Durable = true)]
            public partial class Shop
            {
                private Customer? {|SGEN0031:customer|};
                private List<Order> {|SGEN0031:history|} = new();
                private Stage {|SGEN0031:stage|};
                public Guid {|SGEN0031:Key|} { get; set; }

                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_listed_types_the_types_they_are_made_of_primitives_and_transient_fields() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync(Context + """
            [SessionProcess(Durable = true)]
            public partial class Shop
            {
                private Order? order;
                private Line[] lines = [];
                private Line? last;
                private readonly HashSet<string> tags = new();
                private string name = "";
                private int count;
                private long? total;
                private decimal amount;
                private DateTime at;
                [Transient] private Customer? customer;

                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);

    [Fact]
    public Task Stays_silent_without_a_serializer_context() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync("""
            public sealed record Customer(string Name);

            [SessionProcess(Durable = true)]
            public partial class Shop
            {
                private Customer? customer;
                private Guid key;

                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);
}

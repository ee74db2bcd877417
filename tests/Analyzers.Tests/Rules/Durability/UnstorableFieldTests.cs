using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Durability;

public sealed class UnstorableFieldTests
{
    [Fact]
    public Task Fires_on_each_stored_field_whose_type_is_a_live_thing() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync("""
            [SessionProcess(Durable = true)]
            public partial class Worker
            {
                private Action? {|SGEN0030:callback|};
                private Func<int, string>? {|SGEN0030:format|};
                private Task {|SGEN0030:pending|} = Task.CompletedTask;
                private ValueTask<int> {|SGEN0030:answer|};
                private readonly CancellationTokenSource {|SGEN0030:stop|} = new();
                private CancellationToken {|SGEN0030:token|};
                private System.IO.MemoryStream? {|SGEN0030:buffer|};
                private Thread? {|SGEN0030:thread|};
                private readonly SemaphoreSlim {|SGEN0030:gate|} = new(1);
                private Mutex? {|SGEN0030:mutex|};
                private IServiceProvider? {|SGEN0030:services|};
                private SessionClient? {|SGEN0030:other|};
                private List<Task> {|SGEN0030:tasks|} = new();
                private Task[] {|SGEN0030:more|} = [];
                private Type? {|SGEN0030:kind|};
                public Action? {|SGEN0030:Callback|} { get; set; }

                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_data_for_transient_and_static_fields_and_for_processes_that_are_not_durable() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync("""
            public sealed record Order(string Id, decimal Total);

            [SessionProcess(Durable = true)]
            public partial class Worker
            {
                private readonly HashSet<string> participants = new();
                private Dictionary<string, Order> orders = new();
                private int? count;
                private DateTimeOffset started;
                [Transient] private Task pending = Task.CompletedTask;
                [Transient] private readonly CancellationTokenSource stop = new();
                [field: Transient] public Action? Callback { get; set; }
                private static readonly SemaphoreSlim Shared = new(1);

                [On("Start", StartsSession = true)]
                private void Start() { }
            }

            [SessionProcess]
            public partial class InMemory
            {
                private Task pending = Task.CompletedTask;

                [On("Start", StartsSession = true)]
                private void Start() { }
            }
            """);

    [Fact]
    public Task Fires_on_a_get_only_or_init_only_auto_property_but_not_on_a_settable_or_computed_one() =>
        Verify<DurableStateAnalyzer>.AnalyzerAsync("""
            [SessionProcess(Durable = true)]
            public partial class Worker
            {
                public string {|SGEN0034:Name|} { get; } = "";
                public string {|SGEN0034:Title|} { get; init; } = "";
                public int Rounds { get; private set; }
                [field: Transient] public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
                public string Computed => Name + Title;

                [On("Start", StartsSession = true)]
                private void Start() => Rounds++;
            }
            """);
}

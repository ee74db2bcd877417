namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// A project of many processes, one file each, as benchmarks/CompileTime writes it: eight handlers of varied shapes
/// (void, value, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, a token, an array, a nullable) and a timeout.
/// </summary>
internal static class ManyProcesses
{
    /// <summary>The body text that <see cref="EditedBody"/> replaces: inside a method, so no model can change.</summary>
    public const string BodyToEdit = "return notes.Count > 0;";

    public const string EditedBody = "return notes.Count > 1;";

    public const string Shared = """
        using System;

        namespace Many;

        public sealed record Item(string Sku, decimal Price);
        public sealed record OrderPlaced(string Sku, int Count);
        public enum OrderResult { Accepted, Refused }
        """;

    public static string HintName(int index) => $"Many.Process{index}.SessionGen.g.cs";

    public static string Source(int index) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Many;

        [SessionProcess]
        public partial class Process{{index}}
        {
            private readonly List<string> notes = new();
            private string id = "";
            private int total;

            [On("Start", StartsSession = true)]
            private void Start(string id)
            {
                this.id = id;
                ScheduleExpire(TimeSpan.FromMinutes(1));
            }

            [On("Add")]
            private int Add(int amount) => total += amount;

            [On("Rename")]
            private async Task Rename(string name, CancellationToken cancellationToken)
            {
                await Task.Yield();
                id = name;
            }

            [On("Query")]
            private Task<string> Query() => Task.FromResult(id + total);

            [On("Tag")]
            private ValueTask Tag(string[] tags, int? weight)
            {
                notes.AddRange(tags);
                total += weight ?? 0;
                return default;
            }

            [On("Order")]
            private OrderResult Order(Item item, int count)
            {
                Emit(new OrderPlaced(item.Sku, count));
                return count > 0 ? OrderResult.Accepted : OrderResult.Refused;
            }

            [On("Note")]
            private async ValueTask<int> Note(string text)
            {
                notes.Add(text);
                await Task.CompletedTask;
                return notes.Count;
            }

            [On("Close")]
            private bool Close()
            {
                EndSession();
                {{BodyToEdit}}
            }

            [OnTimeout("Expire")]
            private void Expire() => EndSession();
        }
        """;
}

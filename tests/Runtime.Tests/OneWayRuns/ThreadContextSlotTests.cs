namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// The run's cheap check that a handler changed its thread's execution context (oneway7) reads the runtime's own slot:
/// on this runtime it must be readable (or every run falls back to a thread-static lookup per handler, unseen) and
/// must follow the context as AsyncLocal writes and ExecutionContext.Restore change it.
/// </summary>
public sealed class ThreadContextSlotTests
{
    private static readonly AsyncLocal<string?> Ambient = new();

    [Fact]
    public void The_slot_is_readable_on_this_runtime() => Assert.True(ThreadContextSlot.IsReadable);

    [Fact]
    public async Task The_slot_follows_the_context_of_the_thread_it_is_read_for()
    {
        string[] seen = await Task.Run(() =>
        {
            Thread thread = Thread.CurrentThread;
            ExecutionContext saved = ExecutionContext.Capture()!;
            ExecutionContext? before = ThreadContextSlot.Of(thread);
            Ambient.Value = "set";
            ExecutionContext? changed = ThreadContextSlot.Of(thread);
            bool isCaptured = ReferenceEquals(changed, ExecutionContext.Capture());
            ExecutionContext.Restore(saved);
            ExecutionContext? restored = ThreadContextSlot.Of(thread);
            return new[]
            {
                $"changed:{!ReferenceEquals(before, changed)}",
                $"captured:{isCaptured}",
                $"restored:{ReferenceEquals(before, restored)}",
                $"ambient:{Ambient.Value ?? "none"}",
            };
        });

        Assert.Equal(["changed:True", "captured:True", "restored:True", "ambient:none"], seen);
    }
}

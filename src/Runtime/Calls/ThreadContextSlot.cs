using System.Runtime.CompilerServices;

namespace SessionGen;

/// <summary>
/// Reads a thread's execution-context slot (the runtime's <c>Thread._executionContext</c>, which
/// <see cref="ExecutionContext.Restore"/> compares and writes) given the <see cref="Thread"/> itself, so a run of
/// handlers on one thread can tell after each handler whether it changed its context without a thread-static lookup
/// of the current thread (<see cref="OneWayRunScope"/>). Only ever read: every write still goes through
/// <see cref="ExecutionContext.Restore"/>. Where the runtime has no such field, or it does not hold what
/// <see cref="ExecutionContext.Capture"/> reports, <see cref="IsReadable"/> is false and callers use Restore alone.
/// </summary>
internal static class ThreadContextSlot
{
    /// <summary>Whether <see cref="Of"/> reads the slot on this runtime (checked once, on the first use).</summary>
    public static readonly bool IsReadable = Probe();

    /// <summary>The slot's value: null while the thread has the default context.</summary>
    /// <param name="thread">The thread.</param>
    /// <returns>The thread's execution context, as the runtime keeps it.</returns>
    public static ExecutionContext? Of(Thread thread) => Slot(thread);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_executionContext")]
    private static extern ref ExecutionContext? Slot(Thread thread);

    // The field must exist and be the one the context lives in: changing an AsyncLocal on this thread makes the slot
    // hold the new context that Capture reports, and Restore puts back what the slot held before.
    private static bool Probe()
    {
        ExecutionContext? saved = ExecutionContext.Capture();
        if (saved is null)
        {
            return false; // flow suppressed on this thread: nothing to compare with, so no guess
        }

        try
        {
            Thread current = Thread.CurrentThread;
            ExecutionContext? before = Slot(current);
            var local = new AsyncLocal<bool>();
            bool follows;
            try
            {
                local.Value = true;
                ExecutionContext? changed = Slot(current);
                follows = changed is not null && !ReferenceEquals(changed, before) && ReferenceEquals(changed, ExecutionContext.Capture());
            }
            finally
            {
                ExecutionContext.Restore(saved);
            }

            return follows && ReferenceEquals(Slot(current), before);
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }
}

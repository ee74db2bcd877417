using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// Adapts the handler shapes the generator allows (<see cref="Task"/>, <see cref="ValueTask"/>) to the one
/// the runtime runs, without allocating when the handler has already finished.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HandlerResults
{
    /// <summary>Adapts a handler that returns <see cref="Task"/>.</summary>
    public static ValueTask<ValueTuple> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    /// <summary>Adapts a handler that returns <see cref="ValueTask"/>.</summary>
    public static ValueTask<ValueTuple> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    private static async ValueTask<ValueTuple> AwaitAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private static async ValueTask<ValueTuple> AwaitAsync(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}

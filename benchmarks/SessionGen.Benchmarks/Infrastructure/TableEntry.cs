using System.Runtime.CompilerServices;
using SessionGen.Infrastructure;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// Calls a generated dispatch-table entry's handler the way a session's turn does. The runtime keeps that method
/// internal; <see cref="UnsafeAccessorAttribute"/> binds to the very method (no copy of it, no reflection at run
/// time), so the dispatch benchmark measures exactly what a turn runs per message.
/// </summary>
/// <typeparam name="TProcess">The process class.</typeparam>
/// <typeparam name="TMessage">The generated message record.</typeparam>
/// <typeparam name="TResult">The handler's result.</typeparam>
public static class TableEntry<TProcess, TMessage, TResult>
    where TProcess : class
    where TMessage : class
{
    /// <summary><c>SessionOperation&lt;TProcess, TMessage, TResult&gt;.InvokeHandler</c> for an anonymous message, as a turn calls it.</summary>
    public static ValueTask<TResult> Invoke(
        SessionOperation<TProcess, TMessage, TResult> operation, TProcess process, TMessage message, CancellationToken cancellationToken) =>
        InvokeHandler(operation, process, message, caller: null, cancellationToken);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "InvokeHandler")]
    private static extern ValueTask<TResult> InvokeHandler(
        SessionOperation<TProcess, TMessage, TResult> operation, TProcess process, TMessage message, SessionCaller? caller, CancellationToken cancellationToken);
}

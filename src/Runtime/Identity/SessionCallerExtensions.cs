namespace SessionGen;

/// <summary>Binds a host to a caller: <see cref="As"/>.</summary>
public static class SessionCallerExtensions
{
    /// <summary>
    /// A view of <paramref name="host"/> that speaks as <paramref name="caller"/>: every message sent, posted or starting a
    /// session through it (and through the clients made on it) comes from <paramref name="caller"/>, and its subscriptions
    /// are <paramref name="caller"/>'s own (participant <see cref="SessionCaller.Id"/>; a caller can only read its own
    /// <c>EmitTo</c> events). Cheap: make one per caller, or per request.
    /// </summary>
    /// <param name="host">The host; a view made by <see cref="As"/> is bound anew over the host it views.</param>
    /// <param name="caller">Who speaks.</param>
    /// <returns>The view.</returns>
    public static ISessionHost As(this ISessionHost host, SessionCaller caller)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(caller);
        return new CallerBoundHost(host is CallerBoundHost bound ? bound.Inner : host, caller);
    }
}

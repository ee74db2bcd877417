namespace SessionGen;

/// <summary>A client made for one untyped call (<see cref="SessionHost.Post(SessionId, object)"/>): the typed paths take a client.</summary>
internal sealed class UntypedClient(SessionHost host, SessionId id, string process, SessionCaller? caller) : SessionClient(host, id, process, caller);

namespace SessionGen;

/// <summary>
/// What a handler threw on the server, as far as the server says: the <see cref="Exception.InnerException"/> of the
/// <see cref="SessionFaultedException"/> that <see cref="HttpSessionHost"/> throws. The server never sends the handler's
/// own message or stack trace; <see cref="Exception.Message"/> is the problem details' <c>detail</c>.
/// </summary>
public sealed class RemoteHandlerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="remoteType">The full name of the exception type the handler threw, when the server names it.</param>
    /// <param name="message">What the server said about the failure.</param>
    public RemoteHandlerException(string? remoteType, string message)
        : base(message)
    {
        RemoteType = remoteType;
    }

    /// <summary>
    /// The full name of the exception type the handler threw; null unless the server sets
    /// <c>SessionHttpOptions.ExposeFaultTypes</c>.
    /// </summary>
    public string? RemoteType { get; }
}

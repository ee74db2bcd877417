namespace SessionGen.Testing;

/// <summary>
/// Thrown by the test kit's assertions (the <c>Should…</c> methods of <see cref="SessionEventLog"/> and <see cref="SessionTestHost"/>).
/// Every test framework reports an exception that escapes a test as its failure, so the kit needs none of them;
/// the message says what was expected and lists what was received.
/// </summary>
public sealed class SessionAssertionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public SessionAssertionException(string message)
        : base(message)
    {
    }
}

namespace SessionGen.Orleans;

/// <summary>
/// An exception thrown where the session runs (on a silo), as its caller sees it: the original exception's type name
/// and message, without the object itself (which need not exist, nor be serializable, on the caller's side). It is the
/// <see cref="Exception.InnerException"/> of a <see cref="SessionFaultedException"/>, and what an exception SessionGen
/// has no typed form for becomes.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteException(string typeName, string message)
        : base(message)
    {
        TypeName = typeName;
    }

    /// <summary>The full name of the original exception's type, such as <c>System.InvalidOperationException</c>.</summary>
    public string TypeName { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{TypeName}: {Message} (thrown on a silo)";
}

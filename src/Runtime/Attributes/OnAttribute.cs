namespace SessionGen;

/// <summary>
/// Marks an instance method of a session process as the handler of an operation.
/// The generator emits a message record <c>Messages.{Operation}</c> and a client method <c>{Operation}Async</c> for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnAttribute : Attribute
{
    /// <summary>Declares the handler of <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation name: unique within the process and a valid C# identifier.</param>
    public OnAttribute(string operation)
    {
        Operation = operation;
    }

    /// <summary>The operation this method handles.</summary>
    public string Operation { get; }

    /// <summary>
    /// <see langword="true"/> when a message for this operation starts a new session (Jolie's starter operation).
    /// A process declares at least one starter.
    /// </summary>
    public bool StartsSession { get; set; }
}

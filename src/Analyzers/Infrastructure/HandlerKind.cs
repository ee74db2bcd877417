namespace SessionGen.Analyzers.Infrastructure;

/// <summary>Which attribute made a method a handler.</summary>
internal enum HandlerKind
{
    /// <summary><c>[On]</c>: handles an operation.</summary>
    Operation,

    /// <summary><c>[OnTimeout]</c>: handles a named timeout.</summary>
    Timeout,
}

using System.ComponentModel;
using SessionGen.Infrastructure;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// One operation as HTTP sees it: the runtime's operation, its parameters' types and JSON names, and its reader. For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OperationJsonBinding
{
    /// <summary>Creates the binding (generated code does).</summary>
    public OperationJsonBinding(SessionOperation operation, Type[] parameterTypes, string[] parameterNames, MessageJsonReader read)
    {
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
        ParameterTypes = parameterTypes ?? throw new ArgumentNullException(nameof(parameterTypes));
        ParameterNames = parameterNames ?? throw new ArgumentNullException(nameof(parameterNames));
        Read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>The runtime's operation.</summary>
    public SessionOperation Operation { get; }

    /// <summary>The handler parameters' types, in order (what the JSON options must know).</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The handler parameters' JSON property names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Reads the message record from JSON.</summary>
    public MessageJsonReader Read { get; }

    /// <summary><c>typeof(T)</c> for a type that may carry a nullable annotation, which <c>typeof</c> itself refuses.</summary>
    public static Type TypeOf<T>() => typeof(T);
}

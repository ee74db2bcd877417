using System.ComponentModel;
using SessionGen.Infrastructure;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// One operation as HTTP sees it: the runtime's operation (which reads and writes its message and result as JSON,
/// see <see cref="SessionOperation.DeserializeMessage"/>) and its parameters' types and JSON names, which
/// <c>MapSessionProcess</c> checks the JSON options against at startup. For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OperationJsonBinding
{
    /// <summary>Creates the binding (generated code does).</summary>
    public OperationJsonBinding(SessionOperation operation, Type[] parameterTypes, string[] parameterNames)
    {
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
        ParameterTypes = parameterTypes ?? throw new ArgumentNullException(nameof(parameterTypes));
        ParameterNames = parameterNames ?? throw new ArgumentNullException(nameof(parameterNames));
    }

    /// <summary>The runtime's operation.</summary>
    public SessionOperation Operation { get; }

    /// <summary>The handler parameters' types, in order (what the JSON options must know).</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The handler parameters' JSON property names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary><c>typeof(T)</c> for a type that may carry a nullable annotation, which <c>typeof</c> itself refuses.</summary>
    public static Type TypeOf<T>() => typeof(T);
}

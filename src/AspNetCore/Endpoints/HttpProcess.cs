using System.Text.Json;
using Microsoft.Extensions.Logging;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>What the endpoints of one mapped process share: its JSON binding, the serializer options, the settings and a logger.</summary>
internal sealed class HttpProcess
{
    public HttpProcess(SessionJsonBinding binding, JsonSerializerOptions json, SessionHttpOptions options, ILogger logger)
    {
        Binding = binding;
        Json = json;
        Options = options;
        Logger = logger;
        Starters = binding.Operations.Where(static operation => operation.Operation.StartsSession).ToArray();
    }

    public SessionJsonBinding Binding { get; }

    public JsonSerializerOptions Json { get; }

    public SessionHttpOptions Options { get; }

    public ILogger Logger { get; }

    public IReadOnlyList<OperationJsonBinding> Starters { get; }

    public string Name => Binding.Definition.ProtocolName;

    /// <summary>
    /// Fails at startup, not at the first request, when the JSON options cannot read a parameter type or write a
    /// result type (typically: a type missing from the application's <c>JsonSerializerContext</c>).
    /// </summary>
    public void EnsureJsonCoversOperations()
    {
        foreach (OperationJsonBinding operation in Binding.Operations)
        {
            IEnumerable<Type> types = operation.Operation.ResultType is { } result ? operation.ParameterTypes.Append(result) : operation.ParameterTypes;
            foreach (Type type in types)
            {
                try
                {
                    Json.GetTypeInfo(type);
                }
                catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
                {
                    throw new InvalidOperationException(
                        $"Operation '{operation.Operation}' uses type '{type}', which the JSON options cannot serialize: add " +
                        $"[JsonSerializable(typeof({type.Name}))] to the application's JsonSerializerContext and put that context in " +
                        "the options' TypeInfoResolverChain (ConfigureHttpJsonOptions, or SessionHttpOptions.SerializerOptions).",
                        exception);
                }
            }
        }
    }
}

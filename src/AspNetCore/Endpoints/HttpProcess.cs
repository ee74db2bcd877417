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
    /// Fails at startup, not at the first request, when the JSON options do not handle a parameter or result type the
    /// way the application means them to (see <see cref="JsonCoverage"/>): a type they cannot serialize at all, or,
    /// when the options use a <c>JsonSerializerContext</c>, a type only the reflection fallback resolves (typically:
    /// a type missing from the application's context). Every such type is named in one message.
    /// </summary>
    public void EnsureJsonCoversOperations()
    {
        var gaps = new List<string>();
        var missing = new List<string>();
        foreach (OperationJsonBinding operation in Binding.Operations)
        {
            IEnumerable<Type> types = operation.Operation.ResultType is { } result ? operation.ParameterTypes.Append(result) : operation.ParameterTypes;
            foreach (Type type in types)
            {
                if (JsonCoverage.Gap(Json, type) is { } gap)
                {
                    string name = JsonCoverage.Describe(type);
                    gaps.Add($"operation '{operation.Operation.Name}' uses '{name}', which {gap}");
                    if (!missing.Contains(name))
                    {
                        missing.Add(name);
                    }
                }
            }
        }

        if (gaps.Count == 0)
        {
            return;
        }

        string context = JsonCoverage.FirstContext(Json)?.GetType().Name ?? "the application's JsonSerializerContext";
        string attributes = string.Join(" ", missing.Select(static name => $"[JsonSerializable(typeof({name}))]"));
        throw new InvalidOperationException(
            $"The JSON options of process '{Name}' do not cover its messages: {string.Join("; ", gaps)}. Add {attributes} to {context} " +
            "(and have that context in the options' TypeInfoResolverChain: ConfigureHttpJsonOptions, or SessionHttpOptions.SerializerOptions).");
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// The generator's <c>HandlerParser</c> checks, as questions: which parameters carry the message, which names
/// they get, and whether the generator accepts the method at all.
/// </summary>
internal static class HandlerShape
{
    /// <summary>The parameters that become message properties: all but a trailing <c>CancellationToken</c>.</summary>
    public static ImmutableArray<IParameterSymbol> MessageParameters(IMethodSymbol method)
    {
        ImmutableArray<IParameterSymbol> parameters = method.Parameters;
        return parameters.Length > 0 && HandlerRules.IsCancellationToken(parameters[parameters.Length - 1].Type)
            ? parameters.RemoveAt(parameters.Length - 1)
            : parameters;
    }

    /// <summary>
    /// The message property the generator makes of each parameter, in order (<c>GeneratedNames.MessageProperty</c>:
    /// a <c>Value</c> suffix where a record's property cannot take the parameter's name). Timeouts have no record, so
    /// <paramref name="recordName"/> is null.
    /// </summary>
    public static IEnumerable<(IParameterSymbol Parameter, string Property)> MessageProperties(IMethodSymbol method, string? recordName)
    {
        foreach (IParameterSymbol parameter in MessageParameters(method))
        {
            yield return (parameter, GeneratedNames.MessageProperty(parameter.Name, recordName));
        }
    }

    /// <summary>The first parameter whose message property repeats an earlier one's, or null.</summary>
    public static (IParameterSymbol Parameter, string Property, IParameterSymbol Earlier)? FirstPropertyClash(IMethodSymbol method, string? recordName)
    {
        var seen = new Dictionary<string, IParameterSymbol>();
        foreach ((IParameterSymbol parameter, string property) in MessageProperties(method, recordName))
        {
            if (seen.TryGetValue(property, out IParameterSymbol? earlier))
            {
                return (parameter, property, earlier);
            }

            seen.Add(property, parameter);
        }

        return null;
    }

    /// <summary>True when the generator turns the method into a handler (mirrors <c>HandlerParser.Parse</c>).</summary>
    public static bool IsAccepted(IMethodSymbol method, string? recordName) =>
        !method.IsStatic
        && !method.IsGenericMethod
        && method.MethodKind == MethodKind.Ordinary
        && !HandlerRules.IsAsyncVoid(method)
        && !HandlerRules.HasByRefParameter(method)
        && !HandlerRules.HasMisplacedCancellationToken(method)
        && HandlerRules.ClassifyReturn(method, out _) is not null
        && !HandlerRules.ReturnsLazySequence(method)
        && FirstPropertyClash(method, recordName) is null;
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Turns an <c>[On]</c> or <c>[OnTimeout]</c> method into a <see cref="HandlerModel"/>, or null when it breaks a
/// handler rule (the analyzers' <c>HandlerShape.IsAccepted</c> asks the same questions).
/// </summary>
internal static class HandlerParser
{
    /// <param name="method">The handler method.</param>
    /// <param name="recordName">The operation's message record, or null for a timeout (which has none).</param>
    public static HandlerModel? Parse(IMethodSymbol method, string? recordName)
    {
        if (!HasHandlerShape(method) || HandlerRules.ClassifyReturn(method, out ITypeSymbol? resultType) is not { } returnKind)
        {
            return null;
        }

        ImmutableArray<IParameterSymbol> parameters = method.Parameters;
        bool takesToken = parameters.Length > 0 && HandlerRules.IsCancellationToken(parameters[parameters.Length - 1].Type);
        if (takesToken)
        {
            parameters = parameters.RemoveAt(parameters.Length - 1);
        }

        var models = new List<ParameterModel>(parameters.Length);
        var propertyNames = new HashSet<string>();
        GeneratedAccessibility accessibility = resultType is null ? GeneratedAccessibility.Public : TypeNames.Visibility(resultType);
        CallerParameterModel? caller = null;
        for (int position = 0; position < parameters.Length; position++)
        {
            IParameterSymbol parameter = parameters[position];
            if (HandlerRules.IsSessionCaller(parameter.Type))
            {
                if (caller is not null || recordName is null)
                {
                    return null; // two callers (SGEN0040), or a caller where no message brings one (SGEN0041)
                }

                caller = new CallerParameterModel(position, Required: parameter.NullableAnnotation != NullableAnnotation.Annotated);
                continue;
            }

            string property = GeneratedNames.MessageProperty(parameter.Name, recordName);
            if (!propertyNames.Add(property))
            {
                return null; // two parameters would be one property (SGEN0021)
            }

            accessibility = TypeNames.Narrower(accessibility, TypeNames.Visibility(parameter.Type));
            models.Add(new ParameterModel(parameter.Name, TypeNames.Of(parameter.Type), property));
        }

        return new HandlerModel(
            method.Name,
            models.ToEquatableArray(),
            takesToken,
            returnKind,
            resultType is null ? null : TypeNames.Of(resultType),
            accessibility,
            caller);
    }

    private static bool HasHandlerShape(IMethodSymbol method) =>
        !method.IsStatic
        && !method.IsGenericMethod
        && method.MethodKind == MethodKind.Ordinary
        && !HandlerRules.IsAsyncVoid(method)
        && !HandlerRules.HasByRefParameter(method)
        && !HandlerRules.HasMisplacedCancellationToken(method)
        && !HandlerRules.ReturnsLazySequence(method);
}

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
    /// <summary>The handler an attribute marks, read from its signature when syntax gave one, else from its symbol.</summary>
    /// <param name="attribute">The <c>[On]</c> or <c>[OnTimeout]</c> attribute and its method.</param>
    /// <param name="recordName">The operation's message record, or null for a timeout (which has none).</param>
    public static HandlerModel? Parse(HandlerAttribute attribute, string? recordName) =>
        attribute.Signature is { } signature ? Parse(signature, recordName) : Parse(attribute.Method, recordName);

    /// <param name="method">The handler method.</param>
    /// <param name="recordName">The operation's message record, or null for a timeout (which has none).</param>
    public static HandlerModel? Parse(IMethodSymbol method, string? recordName)
    {
        if (!HasHandlerShape(method) || HandlerRules.ClassifyReturn(method, out ITypeSymbol? resultType) is not { } returnKind)
        {
            return null;
        }

        var parameters = new List<SignatureParameter>(method.Parameters.Length);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            parameters.Add(new SignatureParameter(parameter.Name, parameter.Type));
        }

        return Build(method.Name, parameters, returnKind, resultType, recordName);
    }

    /// <summary>The same questions as for a symbol (<see cref="HasHandlerShape"/>), asked of a signature read from syntax.</summary>
    private static HandlerModel? Parse(HandlerSignature signature, string? recordName)
    {
        if (signature.IsStatic
            || (signature.IsAsync && signature.ReturnType is null)
            || HandlerRules.ClassifyReturn(signature.ReturnType, signature.IsAsync, out ITypeSymbol? resultType) is not { } returnKind
            || HandlerRules.IsIterator(signature.Declaration)
            || (resultType is not null && HandlerRules.IsAsyncStream(resultType)))
        {
            return null;
        }

        IReadOnlyList<SignatureParameter> parameters = signature.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (HandlerRules.IsUnsupportedType(parameters[i].Type) || (i < parameters.Count - 1 && HandlerRules.IsCancellationToken(parameters[i].Type)))
            {
                return null;
            }
        }

        return Build(signature.Name, parameters, returnKind, resultType, recordName);
    }

    private static HandlerModel? Build(string methodName, IReadOnlyList<SignatureParameter> all, ReturnKind returnKind, ITypeSymbol? resultType, string? recordName)
    {
        int count = all.Count;
        bool takesToken = count > 0 && HandlerRules.IsCancellationToken(all[count - 1].Type);
        if (takesToken)
        {
            count--;
        }

        var models = new List<ParameterModel>(count);
        var propertyNames = new HashSet<string>();
        GeneratedAccessibility accessibility = resultType is null ? GeneratedAccessibility.Public : TypeNames.Visibility(resultType);
        CallerParameterModel? caller = null;
        for (int position = 0; position < count; position++)
        {
            SignatureParameter parameter = all[position];
            if (HandlerRules.IsSessionCaller(parameter.Type))
            {
                if (caller is not null || recordName is null)
                {
                    return null; // two callers (SGEN0037), or a caller where no message brings one (SGEN0038)
                }

                caller = new CallerParameterModel(position, Required: parameter.Type.NullableAnnotation != NullableAnnotation.Annotated);
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
            methodName,
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

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Picks the constructor the generated factory calls when the process has no parameterless one: the one with
/// the most parameters that can all come from an <c>IServiceProvider</c> (as Microsoft.Extensions.DependencyInjection
/// does), first declared on a tie.
/// </summary>
internal static class ConstructorParser
{
    /// <summary>The chosen constructor's parameters; empty when there is a parameterless constructor or none that fits.</summary>
    public static EquatableArray<ServiceParameterModel> ServiceParameters(INamedTypeSymbol process)
    {
        if (process.InstanceConstructors.Any(static constructor => constructor.Parameters.Length == 0))
        {
            return EquatableArray<ServiceParameterModel>.Empty;
        }

        IMethodSymbol? chosen = process.InstanceConstructors
            .Where(static constructor => constructor.Parameters.All(HandlerRules.IsInjectableParameter))
            .OrderByDescending(static constructor => constructor.Parameters.Length)
            .FirstOrDefault();
        if (chosen is null)
        {
            return EquatableArray<ServiceParameterModel>.Empty;
        }

        var parameters = new List<ServiceParameterModel>(chosen.Parameters.Length);
        foreach (IParameterSymbol parameter in chosen.Parameters)
        {
            parameters.Add(new ServiceParameterModel(parameter.Name, TypeNames.Of(parameter.Type), Fallback(parameter)));
        }

        return parameters.ToEquatableArray();
    }

    /// <summary>The value for a service that is not registered, or null when the parameter requires one.</summary>
    private static string? Fallback(IParameterSymbol parameter)
    {
        if (parameter.HasExplicitDefaultValue)
        {
            return parameter.ExplicitDefaultValue is { } value
                ? $"({TypeNames.Of(parameter.Type)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})"
                : "default";
        }

        bool nullable = parameter.Type.NullableAnnotation == NullableAnnotation.Annotated
            || parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        return nullable ? "default" : null;
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>Reads the <c>[Correlation]</c> attributes of a handler's parameters.</summary>
internal static class CorrelationParser
{
    /// <param name="method">The handler.</param>
    /// <param name="parameters">The handler's message parameters, with their record property names.</param>
    public static EquatableArray<CorrelationPartModel> Parse(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters)
    {
        var parts = new List<CorrelationPartModel>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ParameterModel? model = parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (model is null)
            {
                continue;
            }

            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != KnownNames.CorrelationAttribute
                    || attribute.ConstructorArguments.Length != 2
                    || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } set)
                {
                    continue;
                }

                string part = attribute.ConstructorArguments[1].Value as string ?? parameter.Name;
                string expression = "message." + model.PropertyName;
                if (attribute.NamedArguments.FirstOrDefault(static a => a.Key == "Property").Value.Value is string property)
                {
                    if (!parameter.Type.GetMembers(property).Any(static m => m is IPropertySymbol or IFieldSymbol))
                    {
                        continue; // no such member: the analyzer reports it
                    }

                    expression += "." + property;
                }

                parts.Add(new CorrelationPartModel(set, part, expression));
            }
        }

        return parts.OrderBy(static p => p.Set, System.StringComparer.Ordinal).ThenBy(static p => p.Part, System.StringComparer.Ordinal).ToEquatableArray();
    }
}

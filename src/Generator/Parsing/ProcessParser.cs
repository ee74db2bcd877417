using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[SessionProcess]</c> class into a <see cref="ProcessModel"/>. Whatever breaks a rule is left
/// out (the analyzers explain it), so the generated code always compiles; a class that cannot host
/// generated code at all yields null.
/// </summary>
internal static class ProcessParser
{
    public static ProcessModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol process || !CanHostGeneratedCode(process))
        {
            return null;
        }

        // [SessionProcess] on two parts of a partial class is CS0579; this pipeline would see the class once per
        // part and emit the same file twice (a generator crash), so it emits nothing and leaves it to the compiler.
        if (process.GetAttributes().Count(static attribute => attribute.AttributeClass?.ToDisplayString() == KnownNames.SessionProcessAttribute) > 1)
        {
            return null;
        }

        // A member cannot share its class's name, so a generated member of that name is treated like a user's one.
        HashSet<string> userMembers = new(process.GetMembers().Select(static member => member.Name)) { process.Name };
        if (KnownNames.EssentialMembers.Any(userMembers.Contains))
        {
            return null;
        }

        var operations = new List<OperationModel>();
        var timeouts = new List<TimeoutModel>();
        var operationNames = new HashSet<string>();
        var timeoutNames = new HashSet<string>();
        int visibility = 2;
        INamedTypeSymbol? states = ProtocolParser.StatesEnum(context.Attributes);
        LifecycleHandlerModel? faultHandler = null;
        LifecycleHandlerModel? idleHandler = null;

        foreach (IMethodSymbol method in process.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (AttributeData attribute in method.GetAttributes())
            {
                string? attributeName = attribute.AttributeClass?.ToDisplayString();
                if (attributeName == KnownNames.OnFaultAttribute)
                {
                    faultHandler ??= LifecycleHandlerParser.Parse(method, mayTakeFault: true);
                }
                else if (attributeName == KnownNames.OnIdleAttribute)
                {
                    idleHandler ??= LifecycleHandlerParser.Parse(method, mayTakeFault: false);
                }
                else if (attributeName == KnownNames.OnAttribute
                    && ReadName(attribute) is { } operationName
                    && HandlerRules.TypeNameFor(operationName) != KnownNames.MessagesClass
                    && operationNames.Add(HandlerRules.TypeNameFor(operationName))
                    && ParseHandler(method, HandlerRules.TypeNameFor(operationName), ref visibility) is { } operationHandler)
                {
                    operations.Add(new OperationModel(
                        operationName,
                        ReadStartsSession(attribute),
                        operationHandler,
                        ProtocolParser.Transitions(method, states),
                        CorrelationParser.Parse(method, operationHandler.Parameters)));
                }
                else if (attributeName == KnownNames.OnTimeoutAttribute
                    && ReadName(attribute) is { } timeoutName
                    && timeoutNames.Add(HandlerRules.TypeNameFor(timeoutName))
                    && !userMembers.Contains(KnownNames.ScheduleMethod(HandlerRules.TypeNameFor(timeoutName)))
                    && !userMembers.Contains(KnownNames.TimeoutCallType(HandlerRules.TypeNameFor(timeoutName)))
                    && ParseHandler(method, recordName: null, ref visibility) is { } timeoutHandler)
                {
                    timeouts.Add(new TimeoutModel(HandlerRules.TypeNameFor(timeoutName), timeoutHandler, ProtocolParser.Transitions(method, states)));
                }
            }
        }

        return new ProcessModel(
            Namespace: process.ContainingNamespace.IsGlobalNamespace ? "" : process.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(process),
            ClassName: process.Name,
            FullyQualifiedName: TypeNames.Of(process),
            HintName: HintName(process),
            ProtocolName: ReadProtocolName(context.Attributes) ?? process.Name,
            Accessibility: TypeNames.Keyword(visibility),
            Operations: operations.ToEquatableArray(),
            Timeouts: timeouts.ToEquatableArray(),
            Starters: DistinctStarters(operations).ToEquatableArray(),
            OmittedMembers: KnownNames.OptionalMembers.Where(userMembers.Contains).ToEquatableArray(),
            HasParameterlessConstructor: process.InstanceConstructors.Any(static constructor => constructor.Parameters.Length == 0),
            ServiceParameters: ConstructorParser.ServiceParameters(process),
            Settings: SettingsParser.Parse(context.Attributes),
            FaultHandler: faultHandler,
            IdleHandler: idleHandler,
            Protocol: ProtocolParser.Parse(states),
            Durable: DurableStateParser.Parse(process, context.Attributes, cancellationToken));
    }

    private static bool CanHostGeneratedCode(INamedTypeSymbol process)
    {
        if (process.TypeKind != TypeKind.Class || process.IsStatic || process.IsAbstract || process.IsGenericType)
        {
            return false;
        }

        for (INamedTypeSymbol? type = process; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType || type.IsFileLocal || !IsPartialEverywhere(type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPartialEverywhere(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(static reference =>
            reference.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(static modifier => modifier.IsKind(SyntaxKind.PartialKeyword)));

    /// <summary>Returns the handler's model, or null when the method breaks a handler rule.</summary>
    private static HandlerModel? ParseHandler(IMethodSymbol method, string? recordName, ref int visibility)
    {
        if (method.IsStatic || method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary
            || HandlerRules.IsAsyncVoid(method) || HandlerRules.HasByRefParameter(method)
            || HandlerRules.HasMisplacedCancellationToken(method)
            || HandlerRules.ReturnsLazySequence(method)
            || HandlerRules.ClassifyReturn(method, out ITypeSymbol? resultType) is not { } returnKind)
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
        int handlerVisibility = resultType is null ? 2 : TypeNames.Visibility(resultType);
        foreach (IParameterSymbol parameter in parameters)
        {
            string property = HandlerRules.TypeNameFor(parameter.Name);
            if (property == recordName || (recordName is not null && KnownNames.RecordMembers.Contains(property)))
            {
                property += "Value"; // a record's property cannot share the record's name or one of its members
            }

            if (!propertyNames.Add(property))
            {
                return null;
            }

            handlerVisibility = System.Math.Min(handlerVisibility, TypeNames.Visibility(parameter.Type));
            models.Add(new ParameterModel(parameter.Name, TypeNames.Of(parameter.Type), property));
        }

        visibility = System.Math.Min(visibility, handlerVisibility);
        return new HandlerModel(
            method.Name,
            models.ToEquatableArray(),
            takesToken,
            returnKind,
            resultType is null ? null : TypeNames.Of(resultType));
    }

    /// <summary>Starters whose <c>StartAsync</c> overloads do not clash: the first of each parameter list wins.</summary>
    private static IEnumerable<string> DistinctStarters(List<OperationModel> operations)
    {
        var signatures = new HashSet<string>();
        foreach (OperationModel operation in operations)
        {
            string signature = string.Join(",", operation.Handler.Parameters.Select(static parameter => parameter.Type.TrimEnd('?')));
            if (operation.StartsSession && signatures.Add(signature))
            {
                yield return operation.Name;
            }
        }
    }

    private static string? ReadName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && HandlerRules.IsValidName(name)
            ? name
            : null;

    private static bool ReadStartsSession(AttributeData attribute) =>
        attribute.NamedArguments.Any(static argument => argument.Key == "StartsSession" && argument.Value.Value is true);

    private static string? ReadProtocolName(ImmutableArray<AttributeData> attributes) =>
        attributes.Length > 0 && attributes[0].ConstructorArguments.Length == 1 && attributes[0].ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : null;

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol process)
    {
        var types = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? type = process.ContainingType; type is not null; type = type.ContainingType)
        {
            string keyword = type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingTypeModel(keyword, type.Name));
        }

        return types.ToEquatableArray();
    }

    private static string HintName(INamedTypeSymbol process)
    {
        var name = new System.Text.StringBuilder(process.Name);
        for (INamedTypeSymbol? type = process.ContainingType; type is not null; type = type.ContainingType)
        {
            name.Insert(0, type.Name + "+");
        }

        // Names as declared, without the '@' of escaped keywords, which a hint name cannot hold.
        for (INamespaceSymbol? space = process.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            name.Insert(0, space.Name + ".");
        }

        return name.Append(".SessionGen.g.cs").ToString();
    }
}

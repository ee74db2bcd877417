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
        if (context.TargetSymbol is not INamedTypeSymbol process || !CanHostGeneratedCode(process) || IsAttributedTwice(process))
        {
            return null;
        }

        // Read from the one declaration when it can be (the class's members are then not built for the generator).
        ClassDeclarationSyntax? declaration = process.DeclaringSyntaxReferences.Length == 1 ? context.TargetNode as ClassDeclarationSyntax : null;

        // A member cannot share its class's name, so a generated member of that name is treated like a user's one.
        HashSet<string> userMembers = (declaration is null ? null : DeclaredMembers.Names(declaration))
            ?? new(process.GetMembers().Select(static member => member.Name));
        userMembers.Add(process.Name);
        if (GeneratedNames.EssentialMembers.Any(userMembers.Contains))
        {
            return null;
        }

        INamedTypeSymbol? states = ProtocolParser.StatesEnum(context.Attributes);
        List<HandlerAttribute> attributed = HandlerAttributes.Read(process, context, methodSymbolsNeeded: states is not null, cancellationToken);
        DurableModel? durable = DurableStateParser.Parse(process, context.Attributes, cancellationToken);
        List<OperationModel> operations = ReadOperations(attributed, states, durable is not null, cancellationToken);
        List<TimeoutModel> timeouts = ReadTimeouts(attributed, states, userMembers, cancellationToken);

        bool onlyImplicitConstructor = declaration is not null && DeclaredMembers.HasOnlyTheImplicitConstructor(declaration);
        return new ProcessModel(
            Hierarchy: HierarchyParser.Parse(process, context.TargetNode.SyntaxTree.Options),
            FullyQualifiedName: TypeNames.Of(process),
            ProtocolName: ReadProtocolName(context.Attributes) ?? process.Name,
            Accessibility: Accessibility(operations, timeouts),
            Operations: operations.ToEquatableArray(),
            Timeouts: timeouts.ToEquatableArray(),
            Starters: DistinctStarters(operations).ToEquatableArray(),
            OmittedMembers: GeneratedNames.OptionalMembers.Where(userMembers.Contains).ToEquatableArray(),
            HasParameterlessConstructor: onlyImplicitConstructor || process.InstanceConstructors.Any(static constructor => constructor.Parameters.Length == 0),
            ServiceParameters: onlyImplicitConstructor ? EquatableArray<ServiceParameterModel>.Empty : ConstructorParser.ServiceParameters(process),
            Settings: SettingsParser.Parse(context.Attributes),
            FaultHandler: LifecycleHandlerParser.First(attributed, KnownNames.OnFaultAttribute, mayTakeFault: true),
            IdleHandler: LifecycleHandlerParser.First(attributed, KnownNames.OnIdleAttribute, mayTakeFault: false),
            Protocol: ProtocolParser.Parse(states),
            Durable: durable,
            ParticipantLeftHandler: LifecycleHandlerParser.First(attributed, KnownNames.OnParticipantLeftAttribute, LifecycleHandlerParser.ParseParticipantLeft));
    }

    /// <summary>
    /// The valid <c>[On]</c> handlers, in declaration order. The first handler of each record name claims it, even one
    /// that is then skipped for breaking a rule (the analyzers report the later ones as duplicates).
    /// </summary>
    private static List<OperationModel> ReadOperations(List<HandlerAttribute> attributed, INamedTypeSymbol? states, bool durable, CancellationToken cancellationToken)
    {
        var operations = new List<OperationModel>();
        var claimed = new HashSet<string>();
        foreach (HandlerAttribute attribute in attributed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeName != KnownNames.OnAttribute || attribute.Name is not { } name)
            {
                continue;
            }

            string record = GeneratedNames.Record(name);
            if (record == GeneratedNames.MessagesClass)
            {
                continue; // reserved, and skipped before it claims the name
            }

            bool isFirstClaim = claimed.Add(record);
            if (!isFirstClaim || HandlerParser.Parse(attribute, record) is not { } handler)
            {
                continue;
            }

            operations.Add(new OperationModel(
                name,
                OperationNames(record, durable),
                attribute.StartsSession,
                handler,
                Transitions(attribute, states),
                // A signature read from syntax has no parameter attributes, so no [Correlation].
                attribute.Signature is null ? CorrelationParser.Parse(attribute.Method, handler.Parameters) : EquatableArray<CorrelationPartModel>.Empty));
        }

        return operations;
    }

    /// <summary>
    /// The valid <c>[OnTimeout]</c> handlers. As for operations, the first handler of a name claims it; a timeout whose
    /// generated members the user already declares is left out.
    /// </summary>
    private static List<TimeoutModel> ReadTimeouts(List<HandlerAttribute> attributed, INamedTypeSymbol? states, HashSet<string> userMembers, CancellationToken cancellationToken)
    {
        var timeouts = new List<TimeoutModel>();
        var claimed = new HashSet<string>();
        foreach (HandlerAttribute attribute in attributed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeName != KnownNames.OnTimeoutAttribute || attribute.Name is not { } name)
            {
                continue;
            }

            string timeout = GeneratedNames.Timeout(name);
            bool isFirstClaim = claimed.Add(timeout);
            TimeoutNamesModel names = TimeoutNames(timeout);
            if (!isFirstClaim || userMembers.Contains(names.ScheduleMethod) || userMembers.Contains(names.CallType))
            {
                continue;
            }

            if (HandlerParser.Parse(attribute, recordName: null) is { } handler)
            {
                timeouts.Add(new TimeoutModel(timeout, names, handler, Transitions(attribute, states)));
            }
        }

        return timeouts;
    }

    /// <summary>The handler's transitions; without a states enum there are none to read, nor a method symbol to read them from.</summary>
    private static TransitionsModel Transitions(HandlerAttribute attribute, INamedTypeSymbol? states) =>
        states is null ? TransitionsModel.Unrestricted : ProtocolParser.Transitions(attribute.Method, states);

    private static OperationNamesModel OperationNames(string record, bool durable) => new(
        Record: record,
        Field: GeneratedNames.OperationField(record),
        Entry: GeneratedNames.OperationEntry(record),
        ClientMethod: GeneratedNames.ClientMethod(record),
        PostMethod: GeneratedNames.ClientPostMethod(record, durable));

    private static TimeoutNamesModel TimeoutNames(string timeout) => new(
        ScheduleMethod: GeneratedNames.ScheduleMethod(timeout),
        CallType: GeneratedNames.TimeoutCallType(timeout),
        SpecField: GeneratedNames.TimeoutSpecField(timeout));

    /// <summary>
    /// The accessibility of the generated types and entry points: the narrowest that every handler's types allow, since
    /// a public <c>Client</c> cannot expose an internal parameter type.
    /// </summary>
    private static GeneratedAccessibility Accessibility(List<OperationModel> operations, List<TimeoutModel> timeouts) =>
        operations.Select(static operation => operation.Handler)
            .Concat(timeouts.Select(static timeout => timeout.Handler))
            .Aggregate(GeneratedAccessibility.Public, static (accessibility, handler) => TypeNames.Narrower(accessibility, handler.Accessibility));

    // [SessionProcess] on two parts of a partial class is CS0579; this pipeline would see the class once per part and
    // emit the same file twice (a generator crash), so it emits nothing and leaves it to the compiler.
    private static bool IsAttributedTwice(INamedTypeSymbol process) =>
        process.GetAttributes().Count(static attribute => KnownNames.Is(attribute.AttributeClass, KnownNames.SessionProcessAttribute)) > 1;

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

    private static string? ReadProtocolName(ImmutableArray<AttributeData> attributes) =>
        attributes.Length > 0 && attributes[0].ConstructorArguments.Length == 1 && attributes[0].ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : null;
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// Breaks valid processes the way people do while typing: a token deleted, a modifier swapped or added, a type
/// changed, an attribute argument or name changed, a member renamed or duplicated. Deterministic for a given
/// <see cref="Random"/>. The pools lean towards the names and shapes the rules are about.
/// </summary>
internal sealed class SourceMutator(Random random)
{
    private static readonly string[] Modifiers =
    [
        "static", "abstract", "partial", "async", "public", "private", "internal", "protected", "sealed", "virtual",
        "override", "file", "readonly", "unsafe", "ref", "out", "in", "params", "new", "extern", "ref readonly", "scoped",
    ];

    private static readonly string[] Types =
    [
        "int", "string", "void", "object", "dynamic", "decimal", "Task", "Task<int>", "ValueTask", "ValueTask<string>",
        "Span<int>", "ReadOnlySpan<char>", "CancellationToken", "int*", "int*[]", "delegate*<void>", "ref int",
        "List<string?>", "List<string>", "string?", "int?", "(int, string)", "T", "Missing", "JoinResult", "Func<int>",
        "Action", "IAsyncEnumerable<int>", "Task<JoinResult>", "SessionManager", "Message[]",
    ];

    private static readonly string[] AttributeArguments =
    [
        "\"\"", "\"Join\"", "\"join\"", "\"Leave\"", "\"class\"", "\"2x\"", "\"Messages\"", "\"messages\"", "\"Greet\"",
        "\"greet\"", "\"Emit\"", "null", "\"a b\"", "\"Initialize\"", "\"Open\"", "\"Close\"", "\"Leader\"",
        "\"SessionDefinition\"", "\"Client\"", "\"Instance\"", "nameof(Join)", "1", "StartsSession = true",
        "StartsSession = false", "\"Join\", StartsSession = true", "\"bid\", StartsSession = true",
    ];

    private static readonly string[] AttributeNames = ["On", "OnTimeout", "SessionProcess", "Obsolete", "SessionGen.On"];

    private static readonly string[] Identifiers =
    [
        "Emit", "EmitTo", "SessionId", "Client", "Messages", "ScheduleGreet", "ScheduleClose", "After", "Connect",
        "StartAsync", "EndSession", "SessionDefinition", "sessionContext", "name", "Name", "cancellationToken", "host",
        "@class", "Join", "Auction", "SessionManager", "T", "value", "Value", "process", "message", "delay", "toString",
        "equalityContract", "id", "await",
    ];

    /// <summary>Applies one to three mutations to <paramref name="source"/>.</summary>
    public string Mutate(string source)
    {
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            source = MutateOnce(source);
        }

        return source;
    }

    private string MutateOnce(string source)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        TextChange? change = random.Next(8) switch
        {
            0 => DeleteToken(root),
            1 => ReplaceModifier(root),
            2 => InsertModifier(root),
            3 => ChangeType(root),
            4 => ChangeAttributeArgument(root),
            5 => ChangeAttributeName(root),
            6 => RenameDeclaration(root),
            _ => DuplicateMember(root),
        };

        return change is { } edit ? SourceText.From(source).WithChanges(edit).ToString() : source;
    }

    private TextChange? DeleteToken(SyntaxNode root) =>
        PickToken(root.DescendantTokens().Where(static token => !token.IsKind(SyntaxKind.EndOfFileToken))) is { } token
            ? new TextChange(token.Span, "")
            : null;

    private TextChange? ReplaceModifier(SyntaxNode root) =>
        PickToken(root.DescendantTokens().Where(static token => SyntaxFacts.IsKeywordKind(token.Kind()) && token.Parent is MemberDeclarationSyntax or ParameterSyntax)) is { } token
            ? new TextChange(token.Span, random.Next(4) == 0 ? "" : Pick(Modifiers))
            : null;

    private TextChange? InsertModifier(SyntaxNode root)
    {
        List<SyntaxNode> targets = root.DescendantNodes().Where(static node => node is MemberDeclarationSyntax or ParameterSyntax).ToList();
        if (Pick(targets) is not { } target)
        {
            return null;
        }

        // After the attributes, before the first modifier or keyword.
        SyntaxNodeOrToken first = target.ChildNodesAndTokens().First(static child => !child.IsKind(SyntaxKind.AttributeList));
        int position = first.IsToken ? first.AsToken().SpanStart : first.AsNode()!.SpanStart;
        return new TextChange(new TextSpan(position, 0), Pick(Modifiers) + " ");
    }

    private TextChange? ChangeType(SyntaxNode root)
    {
        List<TypeSyntax> types = root.DescendantNodes().OfType<TypeSyntax>()
            .Where(static type => type.Parent is MethodDeclarationSyntax or ParameterSyntax or VariableDeclarationSyntax or TypeArgumentListSyntax)
            .ToList();
        return Pick(types) is { } type ? new TextChange(type.Span, Pick(Types)) : null;
    }

    private TextChange? ChangeAttributeArgument(SyntaxNode root)
    {
        List<AttributeSyntax> attributes = root.DescendantNodes().OfType<AttributeSyntax>().ToList();
        if (Pick(attributes) is not { } attribute)
        {
            return null;
        }

        return attribute.ArgumentList is { } arguments
            ? new TextChange(TextSpan.FromBounds(arguments.OpenParenToken.Span.End, arguments.CloseParenToken.SpanStart), Pick(AttributeArguments))
            : new TextChange(new TextSpan(attribute.Span.End, 0), "(" + Pick(AttributeArguments) + ")");
    }

    private TextChange? ChangeAttributeName(SyntaxNode root) =>
        Pick(root.DescendantNodes().OfType<AttributeSyntax>().ToList()) is { } attribute
            ? new TextChange(attribute.Name.Span, Pick(AttributeNames))
            : null;

    private TextChange? RenameDeclaration(SyntaxNode root) =>
        PickToken(root.DescendantTokens().Where(static token => token.IsKind(SyntaxKind.IdentifierToken)
                && token.Parent is BaseTypeDeclarationSyntax or MethodDeclarationSyntax or ParameterSyntax or VariableDeclaratorSyntax)) is { } name
            ? new TextChange(name.Span, Pick(Identifiers))
            : null;

    private TextChange? DuplicateMember(SyntaxNode root) =>
        Pick(root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList()) is { } method
            ? new TextChange(new TextSpan(method.FullSpan.End, 0), method.ToFullString())
            : null;

    private T? Pick<T>(IReadOnlyList<T> items)
        where T : class =>
        items.Count == 0 ? null : items[random.Next(items.Count)];

    private SyntaxToken? PickToken(IEnumerable<SyntaxToken> tokens)
    {
        List<SyntaxToken> list = tokens.ToList();
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }

    private string Pick(string[] items) => items[random.Next(items.Length)];
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SessionGen.Analyzers.CodeFixes.Infrastructure;

namespace SessionGen.Analyzers.CodeFixes.Fixes;

/// <summary>
/// Marks a stored member of a durable process <c>[Transient]</c> (SGEN0030, SGEN0031) or an auto-property
/// <c>[field: Transient]</c> (also SGEN0034), so it is no longer stored. The diagnostic sits on the member's name; a
/// field declaration that declares several variables is left alone (the attribute would cover them all).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddTransientCodeFixProvider)), Shared]
public sealed class AddTransientCodeFixProvider : DocumentEditorCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnstorableField.Id,
        DiagnosticDescriptors.FieldNotInSerializerContext.Id,
        DiagnosticDescriptors.UnrestorableAutoProperty.Id);

    /// <inheritdoc/>
    protected override string Title => "Mark it [Transient] (not stored)";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        return node switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } => field,
            PropertyDeclarationSyntax property => property,
            _ => null,
        };
    }

    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken)
    {
        // 'Transient' when SessionGen's attribute is in scope there, else its full name.
        bool inScope = editor.SemanticModel
            .LookupNamespacesAndTypes(target.SpanStart, name: "TransientAttribute")
            .Any(static symbol => symbol.ToDisplayString() == "SessionGen.TransientAttribute");
        string name = inScope ? "Transient" : "global::SessionGen.Transient";
        editor.ReplaceNode(target, (current, _) => AddAttribute((MemberDeclarationSyntax)current, name));
    }

    /// <summary>Puts <c>[Transient]</c> (or <c>[field: Transient]</c>) first, after the member's comments, on a line of its own (the formatter's choice).</summary>
    private static MemberDeclarationSyntax AddAttribute(MemberDeclarationSyntax member, string name)
    {
        AttributeTargetSpecifierSyntax? target = member is PropertyDeclarationSyntax
            ? SyntaxFactory.AttributeTargetSpecifier(
                SyntaxFactory.Token(SyntaxKind.FieldKeyword),
                SyntaxFactory.Token(SyntaxKind.ColonToken).WithTrailingTrivia(SyntaxFactory.Space))
            : null;
        AttributeListSyntax list = SyntaxFactory.AttributeList(
                target,
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(name))))
            .WithLeadingTrivia(member.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        MemberDeclarationSyntax bare = member.WithoutLeadingTrivia();
        return bare.WithAttributeLists(bare.AttributeLists.Insert(0, list));
    }
}

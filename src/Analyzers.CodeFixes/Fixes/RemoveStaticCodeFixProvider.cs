using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SessionGen.Analyzers.CodeFixes.Infrastructure;

namespace SessionGen.Analyzers.CodeFixes.Fixes;

/// <summary>Makes a static handler an instance method (SGEN0011); the diagnostic sits on the <c>static</c> keyword.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveStaticCodeFixProvider)), Shared]
public sealed class RemoveStaticCodeFixProvider : DocumentEditorCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.StaticHandler.Id);

    /// <inheritdoc/>
    protected override string Title => "Remove 'static' modifier";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as MethodDeclarationSyntax;

    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken) =>
        editor.ReplaceNode(target, static (current, _) => RemoveStatic((MethodDeclarationSyntax)current));

    /// <summary>Drops the keyword; when it came first, the next token inherits its indentation and comments.</summary>
    private static MethodDeclarationSyntax RemoveStatic(MethodDeclarationSyntax method)
    {
        int index = method.Modifiers.IndexOf(SyntaxKind.StaticKeyword);
        if (index < 0)
        {
            return method;
        }

        SyntaxTriviaList leading = method.Modifiers[index].LeadingTrivia;
        SyntaxTokenList modifiers = method.Modifiers.RemoveAt(index);
        if (index > 0)
        {
            return method.WithModifiers(modifiers);
        }

        return modifiers.Count > 0
            ? method.WithModifiers(modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(leading)))
            : method.WithModifiers(modifiers).WithReturnType(method.ReturnType.WithLeadingTrivia(leading));
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
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
        editor.ReplaceNode(target, static (current, generator) =>
            generator.WithModifiers(current, generator.GetModifiers(current).WithIsStatic(false)));
}

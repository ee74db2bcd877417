using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SessionGen.Analyzers.CodeFixes.Infrastructure;

namespace SessionGen.Analyzers.CodeFixes.Fixes;

/// <summary>Adds <c>partial</c> to a process (SGEN0001) or to a type containing one (SGEN0005).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
public sealed class AddPartialCodeFixProvider : DocumentEditorCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ProcessMustBePartial.Id, DiagnosticDescriptors.ContainingTypeMustBePartial.Id);

    /// <inheritdoc/>
    protected override string Title => "Add 'partial' modifier";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as TypeDeclarationSyntax;

    // SyntaxGenerator puts 'partial' where C# requires it (right before the type keyword) and keeps the trivia.
    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken) =>
        editor.ReplaceNode(target, static (current, generator) =>
            generator.WithModifiers(current, generator.GetModifiers(current).WithPartial(true)));
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using SessionGen.Analyzers.CodeFixes.Infrastructure;

namespace SessionGen.Analyzers.CodeFixes.Fixes;

/// <summary>
/// Turns an <c>async void</c> handler into <c>async Task</c> (SGEN0013). The body needs no change: an async
/// method's <c>return;</c> means the same for both.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidToTaskCodeFixProvider)), Shared]
public sealed class AsyncVoidToTaskCodeFixProvider : DocumentEditorCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AsyncVoidHandler.Id);

    /// <inheritdoc/>
    protected override string Title => "Return 'Task' instead of 'void'";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TypeSyntax { Parent: MethodDeclarationSyntax } returnType
            ? returnType
            : null;

    // Written fully qualified and annotated, so the cleanup shortens it to 'Task' and adds the using if it is missing.
    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken) =>
        editor.ReplaceNode(target, static (current, _) =>
            SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
                .WithTriviaFrom(current)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
}

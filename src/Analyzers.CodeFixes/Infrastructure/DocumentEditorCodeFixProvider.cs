using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace SessionGen.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// A fix that edits one document, and whose Fix All applies every diagnostic of a document in one
/// <see cref="DocumentEditor"/>: the edits of neighbouring diagnostics (say, two handlers of one class) then
/// compose instead of conflicting, as they could when independent text changes are merged.
/// </summary>
public abstract class DocumentEditorCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title, also its equivalence key so Fix All groups the same fix.</summary>
    protected abstract string Title { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (FindTarget(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), Title),
                    diagnostic);
            }
        }
    }

    /// <summary>The node the fix rewrites, or null when this diagnostic cannot be fixed mechanically.</summary>
    internal abstract SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Records the fix of one target in <paramref name="editor"/>; nodes must be replaced through the editor.</summary>
    internal abstract void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken);

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (FindTarget(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is { } target)
            {
                Fix(editor, target, cancellationToken);
            }
        }

        return editor.GetChangedDocument();
    }
}

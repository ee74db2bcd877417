using System.Collections.Generic;
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
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.CodeFixes.Fixes;

/// <summary>
/// Moves a handler's CancellationToken parameter to the end (SGEN0015), and the matching argument of every
/// positional call to the handler in the same document, so the code keeps compiling. Offered only when the
/// handler has a single token: with two, moving one would still leave the other misplaced.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveCancellationTokenLastCodeFixProvider)), Shared]
public sealed class MoveCancellationTokenLastCodeFixProvider : DocumentEditorCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MisplacedCancellationToken.Id);

    /// <inheritdoc/>
    protected override string Title => "Move the CancellationToken parameter last";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan) is not ParameterSyntax { Parent: ParameterListSyntax { Parent: MethodDeclarationSyntax method } } parameter
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol)
        {
            return null;
        }

        return symbol.Parameters.Count(static candidate => HandlerRules.IsCancellationToken(candidate.Type)) == 1 ? parameter : null;
    }

    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken)
    {
        var parameter = (ParameterSyntax)target;
        var parameterList = (ParameterListSyntax)parameter.Parent!;
        int from = parameterList.Parameters.IndexOf(parameter);
        editor.ReplaceNode(parameterList, (current, _) =>
        {
            var list = (ParameterListSyntax)current;
            return list.WithParameters(MoveLast(list.Parameters, from));
        });

        if (editor.SemanticModel.GetDeclaredSymbol(parameterList.Parent!, cancellationToken) is not IMethodSymbol method)
        {
            return;
        }

        foreach (InvocationExpressionSyntax call in editor.OriginalRoot.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (IsPositionalCallTo(call, method, editor.SemanticModel, cancellationToken))
            {
                editor.ReplaceNode(call.ArgumentList, (current, _) =>
                {
                    var arguments = (ArgumentListSyntax)current;
                    return arguments.WithArguments(MoveLast(arguments.Arguments, from));
                });
            }
        }
    }

    private static bool IsPositionalCallTo(InvocationExpressionSyntax call, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken) =>
        call.ArgumentList.Arguments.Count == method.Parameters.Length
        && call.ArgumentList.Arguments.All(static argument => argument.NameColon is null)
        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, cancellationToken).Symbol?.OriginalDefinition, method);

    /// <summary>Moves the item at <paramref name="from"/> to the end; the separators stay where they were.</summary>
    private static SeparatedSyntaxList<T> MoveLast<T>(SeparatedSyntaxList<T> items, int from)
        where T : SyntaxNode
    {
        var nodes = new List<T>(items);
        T moved = nodes[from];
        nodes.RemoveAt(from);
        nodes.Add(moved);
        return SyntaxFactory.SeparatedList(nodes, items.GetSeparators());
    }
}

using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// method's <c>return;</c> means the same for both. Writes <c>Task</c>, adding <c>using System.Threading.Tasks;</c>
/// when no <c>Task</c> is in scope, and the qualified name when another <c>Task</c> type is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidToTaskCodeFixProvider)), Shared]
public sealed class AsyncVoidToTaskCodeFixProvider : DocumentEditorCodeFixProvider
{
    private const string TasksNamespace = "System.Threading.Tasks";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AsyncVoidHandler.Id);

    /// <inheritdoc/>
    protected override string Title => "Return 'Task' instead of 'void'";

    internal override SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TypeSyntax { Parent: MethodDeclarationSyntax } returnType
            ? returnType
            : null;

    internal override void Fix(DocumentEditor editor, SyntaxNode target, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? task = editor.SemanticModel.Compilation.GetTypeByMetadataName(TasksNamespace + ".Task");
        ImmutableArray<ISymbol> inScope = editor.SemanticModel.LookupNamespacesAndTypes(target.SpanStart, name: "Task");
        bool taskIsInScope = inScope.Length == 1 && SymbolEqualityComparer.Default.Equals(inScope[0], task);
        if (!taskIsInScope && !inScope.IsEmpty)
        {
            // Another 'Task' is in scope: qualify, and let the simplifier shorten what it safely can.
            editor.ReplaceNode(target, static (current, _) => SyntaxFactory.ParseTypeName("global::" + TasksNamespace + ".Task")
                .WithTriviaFrom(current)
                .WithAdditionalAnnotations(Simplifier.Annotation));
            return;
        }

        editor.ReplaceNode(target, static (current, _) => SyntaxFactory.IdentifierName("Task").WithTriviaFrom(current));
        if (!taskIsInScope && target.SyntaxTree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
        {
            editor.ReplaceNode(unit, static (current, _) => AddTasksUsing((CompilationUnitSyntax)current));
        }
    }

    /// <summary>Adds the using once (Fix All calls this per handler), System usings first, then in order.</summary>
    private static CompilationUnitSyntax AddTasksUsing(CompilationUnitSyntax unit)
    {
        if (unit.Usings.Any(static existing => existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == TasksNamespace))
        {
            return unit;
        }

        SyntaxTrivia endOfLine = unit.Usings.SelectMany(static existing => existing.GetTrailingTrivia())
            .FirstOrDefault(static trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(TasksNamespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);

        int index = 0;
        while (index < unit.Usings.Count && SortsBefore(unit.Usings[index].Name?.ToString() ?? "", TasksNamespace))
        {
            index++;
        }

        if (index == 0 && unit.Usings.Count > 0)
        {
            // The first using carries the file's leading trivia (a header comment, say): keep it first.
            UsingDirectiveSyntax first = unit.Usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            unit = unit.ReplaceNode(first, first.WithLeadingTrivia());
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    private static bool SortsBefore(string existing, string added)
    {
        bool existingIsSystem = existing == "System" || existing.StartsWith("System.", StringComparison.Ordinal);
        return existingIsSystem && string.CompareOrdinal(existing, added) < 0;
    }
}

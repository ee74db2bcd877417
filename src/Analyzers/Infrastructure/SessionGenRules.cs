using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Http;
using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Protocol;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// The one analyzer the compiler loads: it runs every SessionGen rule, each still in its own small class and file
/// (<see cref="SessionGenAnalyzer.Register"/>), but registers one symbol action per symbol kind and calls every rule's
/// action for that kind from it. Registered separately, the 39 rules cost the compiler's driver 39 callbacks per
/// method and type (issue 16: about 43,000 per build of the 200-process project), each with its own bookkeeping,
/// context and timing; together they cost it a few. Operation actions and the rest are passed through unchanged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionGenRules : DiagnosticAnalyzer
{
    private readonly ImmutableArray<SessionGenAnalyzer> rules;

    /// <summary>Every rule of SessionGen.Analyzers.</summary>
    public SessionGenRules()
        : this(All())
    {
    }

    internal SessionGenRules(ImmutableArray<SessionGenAnalyzer> rules)
    {
        this.rules = rules;
        SupportedDiagnostics = rules.SelectMany(static rule => rule.SupportedDiagnostics).Distinct().ToImmutableArray();
    }

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The rules, in the order their actions run.</summary>
    internal ImmutableArray<SessionGenAnalyzer> Rules => rules;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (SessionGenTypes.Of(start.Compilation) is not { } types)
            {
                return;
            }

            // One rule's bug costs that rule only, as when each was an analyzer of its own: the others are still
            // registered (and run), and the compiler still reports the exception (AD0001).
            var shared = new SharedRegistrations(start);
            List<Exception>? failures = null;
            foreach (SessionGenAnalyzer rule in rules)
            {
                try
                {
                    rule.Register(shared, types);
                }
                catch (Exception exception) when (!start.CancellationToken.IsCancellationRequested)
                {
                    (failures ??= new List<Exception>()).Add(exception);
                }
            }

            shared.RegisterSymbolActions();
            Rethrow(failures);
        });
    }

    /// <summary>Every rule of this assembly (a test checks that none is missing).</summary>
    internal static ImmutableArray<SessionGenAnalyzer> All() => ImmutableArray.Create<SessionGenAnalyzer>(
            new CallerInMessageAnalyzer(),
            new CallerOnNonMessageHandlerAnalyzer(),
            new DuplicateCallerParameterAnalyzer(),
            new DuplicateParticipantLeftHandlerAnalyzer(),
            new InvalidParticipantLeftHandlerAnalyzer(),
            new AnonymousTimeoutInDurableProcessAnalyzer(),
            new DurableStateAnalyzer(),
            new TransientOutsideDurableProcessAnalyzer(),
            new UnstoredBaseClassFieldAnalyzer(),
            new AsyncVoidHandlerAnalyzer(),
            new BlockingCallAnalyzer(),
            new GenericHandlerAnalyzer(),
            new HandlerMustBeOrdinaryMethodAnalyzer(),
            new HandlerOutsideProcessAnalyzer(),
            new LazySequenceHandlerAnalyzer(),
            new MessagePropertyClashAnalyzer(),
            new MisplacedCancellationTokenAnalyzer(),
            new StaticHandlerAnalyzer(),
            new UnsupportedParameterAnalyzer(),
            new UnsupportedReturnTypeAnalyzer(),
            new EventNotInSerializerContextAnalyzer(),
            new DuplicateOperationNameAnalyzer(),
            new DuplicateStarterSignatureAnalyzer(),
            new DuplicateTimeoutNameAnalyzer(),
            new GeneratedMemberCollisionAnalyzer(),
            new InvalidNameAnalyzer(),
            new ContainingTypeMustBePartialAnalyzer(),
            new FileLocalProcessAnalyzer(),
            new GenericContainingTypeAnalyzer(),
            new GenericProcessAnalyzer(),
            new MissingParameterlessConstructorAnalyzer(),
            new MissingStarterAnalyzer(),
            new ProcessMustBeInstantiableAnalyzer(),
            new ProcessMustBePartialAnalyzer(),
            new RecordProcessAnalyzer(),
            new DeadEndStateAnalyzer(),
            new HandlerNeverAcceptedAnalyzer(),
            new UndeclaredStateAnalyzer(),
            new UnreachableStateAnalyzer());

    /// <summary>Rethrows the rules' exceptions once the other rules have run: the compiler reports it as AD0001.</summary>
    private static void Rethrow(List<Exception>? failures)
    {
        if (failures is null)
        {
            return;
        }

        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        throw new AggregateException(failures);
    }

    /// <summary>
    /// Collects the rules' symbol actions by kind, to register one action per kind; every other registration goes
    /// straight to the compiler's context.
    /// </summary>
#pragma warning disable RS1012 // the start actions registered here are the rules'
    private sealed class SharedRegistrations(CompilationStartAnalysisContext inner)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        private readonly Dictionary<SymbolKind, List<Action<SymbolAnalysisContext>>> symbolActions = new();

        public void RegisterSymbolActions()
        {
            foreach (KeyValuePair<SymbolKind, List<Action<SymbolAnalysisContext>>> entry in symbolActions)
            {
                Action<SymbolAnalysisContext>[] actions = entry.Value.ToArray();
                inner.RegisterSymbolAction(
                    symbolContext =>
                    {
                        // A rule that throws on this symbol must not keep the rules after it from running on it.
                        List<Exception>? failures = null;
                        foreach (Action<SymbolAnalysisContext> action in actions)
                        {
                            try
                            {
                                action(symbolContext);
                            }
                            catch (Exception exception) when (!symbolContext.CancellationToken.IsCancellationRequested)
                            {
                                (failures ??= new List<Exception>()).Add(exception);
                            }
                        }

                        Rethrow(failures);
                    },
                    entry.Key);
            }
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        {
            foreach (SymbolKind kind in symbolKinds)
            {
                if (!symbolActions.TryGetValue(kind, out List<Action<SymbolAnalysisContext>>? actions))
                {
                    symbolActions.Add(kind, actions = new List<Action<SymbolAnalysisContext>>());
                }

                actions.Add(action);
            }
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(action);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => inner.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => inner.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => inner.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(action);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(action, operationKinds);
    }
#pragma warning restore RS1012
}

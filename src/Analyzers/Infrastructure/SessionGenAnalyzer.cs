using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// What every SessionGen rule does first: skip generated code, run concurrently, and register its actions only
/// in compilations that reference the SessionGen attributes. The compiler does not load the rules one by one (they
/// carry no <c>[DiagnosticAnalyzer]</c>): <see cref="SessionGenRules"/> runs them all; a rule on its own is for tests.
/// </summary>
public abstract class SessionGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (SessionGenTypes.Of(start.Compilation) is { } types)
            {
                Register(start, types);
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references SessionGen.</summary>
    internal abstract void Register(CompilationStartAnalysisContext context, SessionGenTypes types);
}

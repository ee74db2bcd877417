namespace SessionGen.Generator.Parsing;

/// <summary>The metadata names of the runtime's attributes the generator reads (the names it generates are in <see cref="GeneratedNames"/>).</summary>
internal static class KnownNames
{
    public const string SessionProcessAttribute = "SessionGen.SessionProcessAttribute";
    public const string OnAttribute = "SessionGen.OnAttribute";
    public const string OnTimeoutAttribute = "SessionGen.OnTimeoutAttribute";
    public const string OnFaultAttribute = "SessionGen.OnFaultAttribute";
    public const string OnIdleAttribute = "SessionGen.OnIdleAttribute";
    public const string OnParticipantLeftAttribute = "SessionGen.OnParticipantLeftAttribute";
    public const string SessionCaller = "SessionGen.SessionCaller";
    public const string SessionFaultedException = "SessionGen.SessionFaultedException";
    public const string CorrelationAttribute = "SessionGen.CorrelationAttribute";
    public const string AcceptedInAttribute = "SessionGen.AcceptedInAttribute";
    public const string MovesToAttribute = "SessionGen.MovesToAttribute";
    public const string FinalStateAttribute = "SessionGen.FinalStateAttribute";
    public const string TransientAttribute = "SessionGen.TransientAttribute";
}

namespace SessionGen.Generator.Model;

/// <summary>
/// The reliability settings read from <c>[SessionProcess(...)]</c>, as the runtime's enum member names and
/// numbers; all defaults means the generated definition passes none.
/// </summary>
/// <param name="FaultPolicy">A <c>SessionFaultPolicy</c> member name, or null for the default.</param>
/// <param name="MailboxCapacity">0 for unbounded.</param>
/// <param name="MailboxFullMode">A <c>MailboxFullMode</c> member name, or null for the default.</param>
/// <param name="IdleTimeoutSeconds">0 for none.</param>
/// <param name="HandlerTimeLimitSeconds">0 for none.</param>
/// <param name="MessageTimeToLiveSeconds">0 for none.</param>
/// <param name="HoldLimitSeconds">0 for none.</param>
/// <param name="Execution">An <c>ExecutionMode</c> member name, or null for the default.</param>
internal sealed record SettingsModel(
    string? FaultPolicy,
    int MailboxCapacity,
    string? MailboxFullMode,
    double IdleTimeoutSeconds,
    double HandlerTimeLimitSeconds,
    double MessageTimeToLiveSeconds,
    double HoldLimitSeconds = 0,
    string? Execution = null)
{
    public static SettingsModel Default { get; } = new(null, 0, null, 0, 0, 0);

    public bool IsDefault => this == Default;
}

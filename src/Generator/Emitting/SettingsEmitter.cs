using System.Collections.Generic;
using System.Globalization;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>Writes the <c>SessionProcessSettings</c> initializer for the settings that differ from the defaults.</summary>
internal static class SettingsEmitter
{
    public static string Expression(SettingsModel settings)
    {
        var assignments = new List<string>();
        if (settings.FaultPolicy is { } policy)
        {
            assignments.Add($"FaultPolicy = global::SessionGen.SessionFaultPolicy.{policy}");
        }

        if (settings.MailboxCapacity > 0)
        {
            assignments.Add($"MailboxCapacity = {settings.MailboxCapacity.ToString(CultureInfo.InvariantCulture)}");
        }

        if (settings.MailboxFullMode is { } mode)
        {
            assignments.Add($"MailboxFullMode = global::SessionGen.MailboxFullMode.{mode}");
        }

        if (settings.IdleTimeoutSeconds > 0)
        {
            assignments.Add($"IdleTimeout = {Seconds(settings.IdleTimeoutSeconds)}");
        }

        if (settings.HandlerTimeLimitSeconds > 0)
        {
            assignments.Add($"HandlerTimeLimit = {Seconds(settings.HandlerTimeLimitSeconds)}");
        }

        if (settings.MessageTimeToLiveSeconds > 0)
        {
            assignments.Add($"MessageTimeToLive = {Seconds(settings.MessageTimeToLiveSeconds)}");
        }

        if (settings.HoldLimitSeconds > 0)
        {
            assignments.Add($"HoldLimit = {Seconds(settings.HoldLimitSeconds)}");
        }

        if (settings.Execution is { } execution)
        {
            assignments.Add($"Execution = global::SessionGen.ExecutionMode.{execution}");
        }

        return "new global::SessionGen.Infrastructure.SessionProcessSettings { " + string.Join(", ", assignments) + " }";
    }

    private static string Seconds(double seconds) =>
        $"global::System.TimeSpan.FromSeconds({seconds.ToString("R", CultureInfo.InvariantCulture)})";
}

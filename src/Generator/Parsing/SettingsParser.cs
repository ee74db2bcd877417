using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>Reads the reliability settings (named arguments) of <c>[SessionProcess(...)]</c>.</summary>
internal static class SettingsParser
{
    public static SettingsModel Parse(ImmutableArray<AttributeData> attributes)
    {
        if (attributes.Length == 0)
        {
            return SettingsModel.Default;
        }

        string? faultPolicy = null;
        string? fullMode = null;
        int capacity = 0;
        double idle = 0;
        double timeLimit = 0;
        double timeToLive = 0;
        double holdLimit = 0;
        string? execution = null;
        foreach (var argument in attributes[0].NamedArguments)
        {
            object? value = argument.Value.Value;
            switch (argument.Key)
            {
                case "FaultPolicy" when value is int policy:
                    faultPolicy = policy switch { 1 => "KeepSession", _ => null };
                    break;
                case "MailboxFullMode" when value is int mode:
                    fullMode = mode switch { 1 => "Wait", _ => null };
                    break;
                case "MailboxCapacity" when value is int count && count > 0:
                    capacity = count;
                    break;
                case "IdleTimeoutSeconds" when value is double seconds && seconds > 0:
                    idle = seconds;
                    break;
                case "HandlerTimeLimitSeconds" when value is double seconds && seconds > 0:
                    timeLimit = seconds;
                    break;
                case "MessageTimeToLiveSeconds" when value is double seconds && seconds > 0:
                    timeToLive = seconds;
                    break;
                case "HoldLimitSeconds" when value is double seconds && seconds > 0:
                    holdLimit = seconds;
                    break;
                case "Execution" when value is int mode:
                    execution = mode switch { 1 => "Sequential", 2 => "Single", _ => null };
                    break;
            }
        }

        return new SettingsModel(faultPolicy, capacity, fullMode, idle, timeLimit, timeToLive, holdLimit, execution);
    }
}

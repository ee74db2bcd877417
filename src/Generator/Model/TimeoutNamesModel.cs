namespace SessionGen.Generator.Model;

/// <summary>The C# names generated for a timeout, decided by the parser (<c>Parsing.GeneratedNames</c>).</summary>
/// <param name="ScheduleMethod">The process's <c>Schedule{Name}</c>.</param>
/// <param name="CallType">The struct <c>Schedule{Name}</c> hands the runtime.</param>
/// <param name="SpecField">The <c>TimeoutSpec</c> field in <c>SessionDefinition</c>, under a protocol.</param>
internal sealed record TimeoutNamesModel(string ScheduleMethod, string CallType, string SpecField);

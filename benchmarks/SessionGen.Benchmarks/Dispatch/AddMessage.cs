namespace SessionGen.Benchmarks.Dispatch;

/// <summary>The peers' message for the dispatch benchmark: the same shape as SessionGen's generated <c>Messages.Add</c>.</summary>
public sealed record AddMessage(int Value);

namespace SessionGen.Generator;

/// <summary>The names of the pipeline's steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string Processes = nameof(Processes);
    public const string ValidProcesses = nameof(ValidProcesses);
    public const string HttpReferenced = nameof(HttpReferenced);
    public const string HttpProcesses = nameof(HttpProcesses);
}

namespace SessionGen.Hosting;

/// <summary>One <c>AddSessionGen(options => …)</c> call's adjustment, kept as a service so several calls add up.</summary>
internal sealed class SessionHostConfiguration(Action<SessionHostOptions> configure)
{
    public void Configure(SessionHostOptions options) => configure(options);
}

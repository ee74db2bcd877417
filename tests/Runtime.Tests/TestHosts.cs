using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests;

/// <summary>Hosts on a fake clock, so time moves only when a test says so.</summary>
internal static class TestHosts
{
    /// <summary>A guard against a hung test, never a wait for timing: healthy tests finish long before it.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static SessionHost Create(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider();
        return new SessionHost(new SessionHostOptions { TimeProvider = time });
    }

    public static Task Guarded(this Task task) => task.WaitAsync(Guard);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Guard);

    public static Task Guarded(this ValueTask task) => task.AsTask().WaitAsync(Guard);

    public static Task<T> Guarded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Guard);
}

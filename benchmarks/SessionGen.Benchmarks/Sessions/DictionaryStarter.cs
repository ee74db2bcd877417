using System.Collections.Concurrent;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// The floor: a session is only the user's state registered under a new random 128-bit id in a concurrent
/// dictionary, with no queue, no scheduling and nothing run.
/// </summary>
public sealed class DictionaryStarter : SessionStarter
{
    private readonly ConcurrentDictionary<Guid, UserFields> sessions = new();

    /// <inheritdoc/>
    public override Task StartAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            sessions.TryAdd(Guid.NewGuid(), new UserFields());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void Dispose() => sessions.Clear();
}

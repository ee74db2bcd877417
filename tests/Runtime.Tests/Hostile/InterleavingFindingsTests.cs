using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Defects the seeded interleaving rounds found, each pinned by a deterministic test.</summary>
public sealed class InterleavingFindingsTests
{
    [Fact]
    public async Task A_start_whose_caller_hears_of_a_failure_leaves_no_session_even_under_KeepSession()
    {
        await using var host = new SessionHost();
        var id = SessionId.New();

        await Assert.ThrowsAsync<SessionFaultedException>(() => host.SendAsync(id, new FailingStart.Messages.Open(true)).Guarded());

        Assert.False(host.Contains(id));
        Assert.Equal(0, host.SessionCount);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => FailingStart.Connect(host, id).PingAsync().Guarded());
    }

    [Fact]
    public async Task An_infinite_shutdown_timeout_waits_for_every_accepted_message()
    {
        var host = new SessionHost(new SessionHostOptions { ShutdownTimeout = Timeout.InfiniteTimeSpan });
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task note = session.NoteAsync(7).AsTask();

        Task stopping = host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        Assert.False(note.IsCompleted);

        release.SetResult();
        await holding.Guarded();
        await note.Guarded();
        await stopping.Guarded();
        Assert.Equal(0, host.DeadLetterCount);
    }

    [Fact]
    public void A_timer_armed_after_the_host_stopped_never_fires_and_never_throws()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var wheel = new TimerWheel(time, TimeSpan.FromMilliseconds(1));
        wheel.Dispose();
        bool fired = false;

        TimeoutHandle handle = wheel.ScheduleOnClock(TimeSpan.FromSeconds(1), () => fired = true);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(fired);
        Assert.False(handle.Cancel());
        Assert.Equal(0, wheel.PendingCount);
    }

    [Fact]
    public async Task A_starter_that_expires_before_it_runs_leaves_no_session_behind()
    {
        await using var host = new SessionHost(new SessionHostOptions { TimeProvider = new LeapingClock() });

        await Assert.ThrowsAsync<MessageExpiredException>(() => ExpiringStarter.StartAsync(host).AsTask().Guarded());

        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task A_time_limited_handler_that_finishes_after_the_host_stopped_leaves_the_pending_count_at_zero()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        SlowButKept.Client session = await SlowButKept.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.StallAsync(started, release.Task).AsTask();
        await started.Task.Guarded();

        Task stopping = host.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        await stopping.Guarded();
        release.SetResult();
        await Record.ExceptionAsync(() => holding.Guarded());

        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_shutdown_timeout_of_sixty_days_is_accepted()
    {
        var host = new SessionHost(new SessionHostOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), ShutdownTimeout = TimeSpan.FromDays(60) });
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();

        Task stopping = host.DisposeAsync().AsTask();
        release.SetResult();
        await holding.Guarded();
        await stopping.Guarded();
    }

    /// <summary>A clock whose every reading is three seconds after the last: a queued message is always past a second's time to live.</summary>
    private sealed class LeapingClock : TimeProvider
    {
        private long now;

        public override long GetTimestamp() => Interlocked.Add(ref now, 3 * TimestampFrequency);
    }
}

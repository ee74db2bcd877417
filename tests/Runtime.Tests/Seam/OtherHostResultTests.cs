using SessionGen.Runtime.Tests.OneWayRuns;

namespace SessionGen.Runtime.Tests.Seam;

/// <summary>The typed client over a host that is not a <see cref="SessionHost"/>, when that host answers badly.</summary>
public sealed class OtherHostResultTests
{
    [Fact]
    public void A_result_of_the_wrong_type_from_another_host_fails_the_call_instead_of_throwing_from_it()
    {
        var other = new AnsweringHost(42);
        Raid.Client session = Raid.Connect(other, SessionId.New());

        ValueTask<string[]> pending = default;
        Exception? thrown = Record.Exception(() => pending = session.SeqsAsync());

        Assert.Null(thrown);
        Assert.True(pending.IsFaulted);
        Assert.IsType<InvalidCastException>(pending.AsTask().Exception!.InnerException);

        // An operation without a result, answered with one.
        ValueTask noted = default;
        Assert.Null(Record.Exception(() => noted = session.NoteAsync("x")));
        Assert.True(noted.IsFaulted);
    }

    // A host that is not a SessionHost and answers every send at once with the same result.
    private sealed class AnsweringHost(object? answer) : ISessionHost
    {
        public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) => new(answer);

        public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) => new(answer);

        public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) => new(answer);

        public bool Post(SessionId id, object message) => true;

        public bool Post(SessionId id, object message, MessageId messageId) => true;

        public SessionSubscription Subscribe(string process, SessionId id, string? participant) => throw new NotSupportedException();

        public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

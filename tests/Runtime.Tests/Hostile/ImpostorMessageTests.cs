using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>
/// A message that names an operation (<see cref="ISessionMessage"/> is a public interface) without being that
/// operation's record: the untyped send refuses it (MessageTypeMismatchException), and so must the untyped post, which
/// cast it unchecked and queued it, so a handler would read the impostor's fields as the record's.
/// </summary>
public sealed class ImpostorMessageTests
{
    [Fact]
    public async Task An_untyped_post_of_a_message_that_is_not_its_operation_s_record_is_refused_and_never_queued()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var id = SessionId.New();
        await ((ISessionHost)host).SendAsync(id, new Fleeting.Messages.Open(), CancellationToken.None).Guarded();
        var impostor = new Impostor(((ISessionMessage)new Fleeting.Messages.Close()).Operation);

        var sent = await Assert.ThrowsAsync<MessageTypeMismatchException>(() => host.SendAsync(id, impostor).AsTask().Guarded());
        var posted = Assert.Throws<MessageTypeMismatchException>(() => host.Post(id, impostor));
        Assert.Throws<MessageTypeMismatchException>(() => host.Post(id, impostor, new MessageId("once")));

        Assert.Equal(sent.Message, posted.Message);
        Assert.Equal(0, host.GetQueueLength(id));
        Assert.True(host.Contains(id)); // Close never ran
    }

    private sealed class Impostor(SessionOperation operation) : ISessionMessage
    {
        public SessionOperation Operation { get; } = operation;
    }
}

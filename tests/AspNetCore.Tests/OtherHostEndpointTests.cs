using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// The endpoints serve sessions through the application's <see cref="ISessionHost"/> service, whatever host that is
/// (a cluster's, say): here one that counts what passes through it and hands it to the in-process host.
/// </summary>
public sealed class OtherHostEndpointTests(OtherHostEndpointTests.Server server) : IClassFixture<OtherHostEndpointTests.Server>
{
    [Fact]
    public async Task Starts_sends_and_event_streams_all_go_through_the_registered_host()
    {
        string id = await server.OpenAsync();
        await using ServerSentEvents events = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events");
        using (HttpResponseMessage sent = await server.SendAsync(id, "Note", """{"text":"a","number":1}"""))
        {
            sent.EnsureSuccessStatusCode();
        }

        ServerSentEvents.Event noted = (await events.ReadAsync())!;

        Assert.Equal(1, JsonDocument.Parse(noted.Data).RootElement.GetProperty("number").GetInt32());
        Assert.Equal((Sends: 2, Subscriptions: 1), (server.Counting.Sends, server.Counting.Subscriptions));
    }

    public sealed class Server : NotebookServer
    {
        public CountingHost Counting => (CountingHost)Services.GetRequiredService<ISessionHost>();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ISessionHost>(provider => new CountingHost(provider.GetRequiredService<SessionHost>()));
    }

    public sealed class CountingHost(SessionHost inner) : ISessionHost
    {
        private int sends;
        private int subscriptions;

        public int Sends => Volatile.Read(ref sends);

        public int Subscriptions => Volatile.Read(ref subscriptions);

        public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sends);
            return inner.SendAsync(id, message, cancellationToken);
        }

        public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sends);
            return inner.SendAsync(id, message, messageId, cancellationToken);
        }

        public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sends);
            return inner.SendAsync(message, cancellationToken);
        }

        public bool Post(SessionId id, object message) => inner.Post(id, message);

        public bool Post(SessionId id, object message, MessageId messageId) => inner.Post(id, message, messageId);

        public SessionSubscription Subscribe(string process, SessionId id, string? participant) =>
            ((ISessionHost)inner).Subscribe(process, id, participant);

        public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref subscriptions);
            return inner.SubscribeAsync(process, id, participant, afterSequence, cancellationToken);
        }
    }
}

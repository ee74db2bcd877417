using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionGen.Http.Tests;

/// <summary>
/// A real Kestrel server on a free loopback port serving <see cref="Journal"/> under <c>/journals</c> and
/// <see cref="Door"/> under <c>/doors</c>, and an <see cref="HttpSessionHost"/> that reaches it. A test can make the
/// server drop an event stream's connection instead of writing its next event (<see cref="DropAtNextEvent"/>).
/// </summary>
public sealed class RemoteServer : IAsyncLifetime
{
    /// <summary>A guard against a hung test, never a wait for timing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private WebApplication? app;
    private int drop;

    public HttpClient Http { get; private set; } = null!;

    public HttpSessionHost Host { get; private set; } = null!;

    /// <summary>The sessions' host on the server, to check what a request did.</summary>
    public SessionHost ServerHost => app!.Services.GetRequiredService<SessionHost>();

    /// <summary>Every request for an event stream: its path and its Last-Event-ID (null without one).</summary>
    public ConcurrentQueue<(string Path, string? LastEventId)> StreamRequests { get; } = new();

    /// <summary>One-way messages the client could not deliver.</summary>
    public ConcurrentQueue<(SessionId Id, string Operation, Exception Error)> PostFailures { get; } = new();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { TypeInfoResolver = RemoteJson.Default };

    /// <summary>The next event any stream is about to write is not written: the connection is aborted instead.</summary>
    public void DropAtNextEvent() => Volatile.Write(ref drop, 1);

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSessionGen(options => options.EventReplayCapacity = 64);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RemoteJson.Default));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Method == "GET" && context.Request.Path.Value!.EndsWith("/events", StringComparison.Ordinal))
            {
                StreamRequests.Enqueue((context.Request.Path.Value, context.Request.Headers["Last-Event-ID"].FirstOrDefault()));
                context.Response.Body = new DroppingStream(context, context.Response.Body, this);
            }

            await next(context);
        });
        app.MapSessionProcess<Journal>("/journals", options => options.ExposeFaultTypes = true);
        app.MapSessionProcess<Door>("/doors");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = Guard };
        Host = new HttpSessionHost(Http, options =>
        {
            options.SerializerOptions = Json;
            options.Map("Remote.Journal", "/journals").Map("Remote.Door", "/doors");
            options.Event<Noted>();
            options.PostFailed = (id, operation, error) => PostFailures.Enqueue((id, operation, error));
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Passes writes through; aborts the connection instead of writing an event once <see cref="DropAtNextEvent"/> says so.</summary>
    private sealed class DroppingStream(HttpContext context, Stream inner, RemoteServer server) : Stream
    {
        private bool dropped;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!dropped && buffer.Span.IndexOf("\nid: "u8) >= 0 && Interlocked.Exchange(ref server.drop, 0) == 1)
            {
                dropped = true;
                context.Abort();
            }

            if (dropped)
            {
                return; // the connection is gone
            }

            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => dropped ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override void Flush() => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

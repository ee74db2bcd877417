using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SessionGen;

/// <summary>Settings of the endpoints that <c>MapSessionProcess</c> maps.</summary>
public sealed class SessionHttpOptions
{
    /// <summary>The largest request body accepted, in bytes; a larger one is answered with 413. Default: 64 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// The options that read messages and write results and events. They must resolve type info for every
    /// handler parameter, result and event type (under Native AOT: a source-generated <c>JsonSerializerContext</c>
    /// in their <c>TypeInfoResolverChain</c>). When the chain holds a context, <c>MapSessionProcess</c> also refuses to
    /// start while a parameter or result type is left to the reflection fallback, which would ignore the context's
    /// settings. Default: the application's HTTP JSON options (<c>ConfigureHttpJsonOptions</c>).
    /// </summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>How often an idle event stream sends a comment line, so proxies keep it open. Default: 15 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether the problem details of a faulted handler (500) name the type of the exception it threw, in the extension
    /// <c>exceptionType</c> (never its message or stack trace). Off by default: a type name can tell a caller about the
    /// server's internals. SessionGen.Http's client puts it on the <c>RemoteHandlerException</c> it throws inside
    /// <see cref="SessionFaultedException"/>.
    /// </summary>
    public bool ExposeFaultTypes { get; set; }

    /// <summary>
    /// Whether <c>POST prefix</c> takes the new session's id from the query (<c>?sessionId=</c>) instead of making one:
    /// how a client that chose the id itself (the generated <c>P.StartAsync</c> over SessionGen.Http) starts a session.
    /// The id must be 1 to 128 characters among letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>~</c> (else 400);
    /// one that is in use is 409. Default: true. A client that picks its ids can only make its own sessions guessable.
    /// </summary>
    public bool AllowClientSessionIds { get; set; } = true;

    /// <summary>
    /// Who a request comes from: the <see cref="SessionCaller.Id"/> of the caller every message it carries is sent as (a
    /// handler's <see cref="SessionCaller"/> parameter), and the participant whose <c>EmitTo</c> events its event stream
    /// holds. <see langword="null"/> or empty: an anonymous request. The caller's <see cref="SessionCaller.User"/> is
    /// <see cref="HttpContext.User"/>. SignalR's <c>IUserIdProvider</c> plays this part for hubs. Default:
    /// <see cref="NameIdentifierOf"/>, the <see cref="ClaimTypes.NameIdentifier"/> claim of an authenticated user (as SignalR's default).
    /// </summary>
    public Func<HttpContext, string?> UserId { get; set; } = NameIdentifierOf;

    /// <summary>
    /// <b>Unsafe; for applications without authentication.</b> Whether an anonymous request may name the participant it
    /// speaks and listens as: <c>?participant=</c> on the event stream, the <c>SessionGen-Participant</c> header (or
    /// <c>?participant=</c>) on a post, which then comes from a caller of that id without a <see cref="SessionCaller.User"/>.
    /// Anyone can then read anyone's <c>EmitTo</c> events and speak as anyone, so use it only where every client is
    /// trusted (a demo, a test, a private network). A request from an authenticated user (<see cref="UserId"/>) is that
    /// user whatever it names: naming someone else is 403. Off by default: naming a participant without being signed
    /// in is 401.
    /// </summary>
    public bool AllowParticipantFromRequest { get; set; }

    /// <summary>
    /// The default <see cref="UserId"/>: the value of the <see cref="ClaimTypes.NameIdentifier"/> claim when
    /// <paramref name="context"/>'s user is authenticated, else <see langword="null"/>.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The user's id, or <see langword="null"/>.</returns>
    public static string? NameIdentifierOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /prefix</c> (a starter's message creates a session) and <c>POST /prefix/{sessionId}/Operation</c>
/// (a message; the handler's result comes back as JSON); the routes are mapped by <see cref="ProcessEndpoints"/>.
/// </summary>
internal static class MessageEndpoints
{
    /// <summary>The query parameter of <c>POST prefix</c> that picks one of several starters (any case, as operation names in paths).</summary>
    public const string StarterQuery = "starter";

    /// <summary>The route value of the session's id in <c>prefix/{sessionId}/…</c>.</summary>
    public const string SessionIdRouteValue = "sessionId";

    /// <summary>The query parameter of <c>POST prefix</c> that names the new session (<see cref="SessionHttpOptions.AllowClientSessionIds"/>).</summary>
    public const string SessionIdQuery = "sessionId";

    /// <summary>The request header that makes a send idempotent: a repeat with the same id is handled once (<see cref="MessageId"/>).</summary>
    public const string MessageIdHeader = "Message-Id";

    private const int MaxIdLength = 128;
    private const int MaxMessageIdLength = 256;

    public static async Task StartAsync(HttpContext context, HttpProcess process)
    {
        OperationJsonBinding? starter = ChooseStarter(context, process, out Problem? refusal);
        if (starter is null)
        {
            await refusal!.Value.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        SessionId id;
        string? chosen = context.Request.Query[SessionIdQuery];
        if (chosen is null)
        {
            id = SessionId.New();
        }
        else if (!process.Options.AllowClientSessionIds)
        {
            await Problem.MalformedMessage($"This server makes the ids of new sessions itself: leave out ?{SessionIdQuery}=.").WriteAsync(context).ConfigureAwait(false);
            return;
        }
        else if (!IsValidId(chosen, MaxIdLength, static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            || chosen is "." or "..")
        {
            // "." and ".." are dot segments: every client normalizes prefix/../op away, so no URL would reach the session.
            await Problem.MalformedMessage(
                $"A session id must be 1 to {MaxIdLength} characters among letters, digits, '-', '_', '.' and '~', and not '.' or '..'.").WriteAsync(context).ConfigureAwait(false);
            return;
        }
        else
        {
            id = new SessionId(chosen);
        }

        if (await ReadAndSendAsync(context, process, starter, id, oneWay: false).ConfigureAwait(false) is not { } outcome)
        {
            return;
        }

        string location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(id.Value)}";
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = location;
        await JsonResponse.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("sessionId", id.Value);
            if (starter.Operation.ResultType is not null)
            {
                writer.WritePropertyName("result");
                starter.Operation.WriteResult(writer, outcome.Result, process.Json);
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task SendAsync(HttpContext context, HttpProcess process, OperationJsonBinding operation)
    {
        string sessionId = (string)context.Request.RouteValues[SessionIdRouteValue]!;
        bool oneWay = PrefersAsync(context.Request);
        if (await ReadAndSendAsync(context, process, operation, new SessionId(sessionId), oneWay).ConfigureAwait(false) is not { } outcome)
        {
            return;
        }

        if (oneWay)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        if (operation.Operation.ResultType is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await JsonResponse.WriteAsync(context, writer => operation.Operation.WriteResult(writer, outcome.Result, process.Json))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST prefix/{sessionId}/{operation}</c> for a name that no operation endpoint took: not an operation of the
    /// process, or a starter (which only <c>POST prefix</c> sends).
    /// </summary>
    public static Task UnknownOperationAsync(HttpContext context, HttpProcess process)
    {
        string sessionId = (string)context.Request.RouteValues[SessionIdRouteValue]!;
        string name = (string)context.Request.RouteValues["operation"]!;
        return Problem.UnknownOperation(process.Name, name).WriteAsync(context, sessionId, name);
    }

    /// <summary>The one starter, or the one named by <c>?starter=</c> when the process has several.</summary>
    private static OperationJsonBinding? ChooseStarter(HttpContext context, HttpProcess process, out Problem? refusal)
    {
        refusal = null;
        string? named = context.Request.Query[StarterQuery];
        if (named is null && process.Starters.Count == 1)
        {
            return process.Starters[0];
        }

        if (named is null)
        {
            refusal = Problem.MalformedMessage(
                $"Process '{process.Name}' has several starters ({string.Join(", ", process.Starters.Select(static s => s.Operation.Name))}); name one with ?{StarterQuery}=.");
            return null;
        }

        OperationJsonBinding? starter = process.Binding.Find(named);
        if (starter is null || !starter.Operation.StartsSession)
        {
            refusal = new Problem(StatusCodes.Status404NotFound, "Unknown starter", $"Process '{process.Name}' has no starter '{named}'.");
            return null;
        }

        return starter;
    }

    /// <summary>Reads the message, sends it and returns the result; null when a problem response was written instead.</summary>
    private static async Task<Outcome?> ReadAndSendAsync(HttpContext context, HttpProcess process, OperationJsonBinding operation, SessionId id, bool oneWay)
    {
        string name = operation.Operation.Name;
        MessageId? messageId = null;
        if (context.Request.Headers[MessageIdHeader].FirstOrDefault() is { } header)
        {
            if (!IsValidId(header, MaxMessageIdLength, static c => c is > ' ' and <= '~'))
            {
                await Problem.MalformedMessage($"A {MessageIdHeader} must be 1 to {MaxMessageIdLength} visible ASCII characters.").WriteAsync(context, id.Value, name).ConfigureAwait(false);
                return null;
            }

            messageId = new MessageId(header);
        }

        if (!HttpCaller.TryResolve(context, process, HttpCaller.RequestedByPost(context.Request), out SessionCaller? caller, out Problem refusal))
        {
            await refusal.WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }

        if (!JsonMediaType.IsJson(context.Request.ContentType))
        {
            // Refused before the body is read: nothing of a request that skipped the CORS preflight reaches a session.
            await Problem.UnsupportedMediaType().WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }

        byte[]? body = await RequestBody.ReadAsync(context.Request, process.Options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await Problem.BodyTooLarge(process.Options.MaxRequestBodySize).WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }

        object message;
        try
        {
            message = Parse(body, process, operation);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            await Problem.MalformedMessage(exception.Message).WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }

        ISessionHost host = context.RequestServices.GetRequiredService<ISessionHost>();
        if (oneWay)
        {
            // Queued, not handled: the answer says only whether the session took it (202), not how the handler did.
            bool queued;
            try
            {
                queued = host.Post(id, message, caller, messageId);
            }
            catch (SessionCallerRequiredException exception)
            {
                await Problem.From(exception, id.Value, name).WriteAsync(context, id.Value, name).ConfigureAwait(false);
                return null;
            }
            catch (ArgumentException exception) when (IsMessageIdReused(exception))
            {
                await MessageIdReused(id, name).WriteAsync(context, id.Value, name).ConfigureAwait(false);
                return null;
            }

            if (!queued)
            {
                await Problem.NotQueued(id.Value, name).WriteAsync(context, id.Value, name).ConfigureAwait(false);
                return null;
            }

            return new Outcome(null);
        }

        try
        {
            return new Outcome(await host.SendAsync(id, message, caller, messageId, context.RequestAborted).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null; // the client has gone
        }
        catch (ArgumentException exception) when (IsMessageIdReused(exception))
        {
            await MessageIdReused(id, name).WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            Problem problem = Problem.From(exception, id.Value, name);
            if (process.Options.ExposeFaultTypes && exception is SessionFaultedException { InnerException: { } thrown })
            {
                problem = problem with { FaultType = thrown.GetType().FullName };
            }

            if (problem.Status >= StatusCodes.Status500InternalServerError && exception is not SessionFaultedException)
            {
                // A handler fault is logged by the host already; anything else would otherwise go unseen.
                process.Logger.LogError(exception, "Operation {Operation} of session {SessionId} of {Process} failed", name, id.Value, process.Name);
            }

            await problem.WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The sender's own Message-Id already named a message for another operation of the session: its mistake, not the server's.</summary>
    private static bool IsMessageIdReused(ArgumentException exception) => exception.ParamName == "messageId";

    private static Problem MessageIdReused(SessionId id, string operation) =>
        new(StatusCodes.Status409Conflict, "Message-Id reused",
            $"This {MessageIdHeader} already named a message to another operation of session '{id}'; send '{operation}' with a new one.");

    /// <summary><c>Prefer: respond-async</c> (RFC 7240): the client wants the message queued one way and a 202 at once.</summary>
    private static bool PrefersAsync(HttpRequest request)
    {
        foreach (string? value in request.Headers["Prefer"])
        {
            foreach (string preference in (value ?? "").Split(','))
            {
                if (preference.Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsValidId(string text, int maxLength, Func<char, bool> allowed)
    {
        if (text.Length is 0 || text.Length > maxLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message record: an operation without parameters may be sent with no body at all.</summary>
    private static object Parse(byte[] body, HttpProcess process, OperationJsonBinding operation) =>
        operation.Operation.DeserializeMessage(body.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? "{}"u8 : body, process.Json);

    private readonly record struct Outcome(object? Result);
}

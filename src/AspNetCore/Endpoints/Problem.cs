using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>An RFC 7807 problem details response: what went wrong, never how (no exception text, no stack trace).</summary>
internal readonly record struct Problem(int Status, string Title, string Detail)
{
    /// <summary>
    /// The extension <c>error</c>: the name of the SessionGen exception the send threw (<c>SessionNotFoundException</c>,
    /// <c>MessageNotAcceptedException</c>…, or <c>HostStopping</c>), so that a client can throw the same one.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>The extension <c>state</c>: the protocol state that refused the message (<see cref="MessageNotAcceptedException"/>).</summary>
    public string? State { get; init; }

    /// <summary>The extension <c>exceptionType</c>: what a faulted handler threw, when <see cref="SessionHttpOptions.ExposeFaultTypes"/> says so.</summary>
    public string? FaultType { get; init; }

    /// <summary>The answer to a one-way message (<c>Prefer: respond-async</c>) that was not queued.</summary>
    public static Problem NotQueued(string id, string operation) =>
        new(StatusCodes.Status409Conflict, "Message not queued",
            $"Session '{id}' did not queue the message for operation '{operation}': there is no such session, it has ended, its mailbox is full or the server is stopping.")
        { Error = "PostRefused" };

    public static Problem UnknownSession(string id) =>
        new(StatusCodes.Status404NotFound, "Session not found", $"There is no session '{id}': it never existed or it has ended.");

    public static Problem UnknownOperation(string process, string operation) =>
        new(StatusCodes.Status404NotFound, "Unknown operation", $"Process '{process}' has no operation '{operation}' that can be sent to a session.");

    /// <summary>An anonymous request did something only a signed-in caller may do.</summary>
    public static Problem NotSignedIn(string detail) =>
        new(StatusCodes.Status401Unauthorized, "Not signed in", detail);

    /// <summary>A request named a participant other than its caller.</summary>
    public static Problem NotThisParticipant(string requested) =>
        new(StatusCodes.Status403Forbidden, "Not this participant",
            $"The signed-in user is not participant '{(requested.Length <= 64 ? requested : requested[..64] + "…")}': a caller reads and speaks for itself only.");

    /// <summary>The authorization metadata of the endpoint (<c>[Authorize]</c>) refused an anonymous request.</summary>
    public static Problem Unauthenticated() =>
        new(StatusCodes.Status401Unauthorized, "Not signed in", "This operation needs an authenticated user.");

    /// <summary>The authorization metadata of the endpoint (<c>[Authorize(Policy = …)]</c>) refused the signed-in user.</summary>
    public static Problem Forbidden() =>
        new(StatusCodes.Status403Forbidden, "Forbidden", "The signed-in user is not allowed this operation.");

    public static Problem MalformedMessage(string reason) =>
        new(StatusCodes.Status400BadRequest, "Malformed message", reason);

    public static Problem BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is larger than the limit of {limit} bytes.");

    public static Problem UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            "The request body must be JSON in UTF-8: send Content-Type: application/json (or a +json media type), also when the body is empty.");

    /// <summary>The answer to what a send threw.</summary>
    public static Problem From(Exception exception, string sessionId, string operation) => Describe(exception, sessionId, operation) with
    {
        Error = exception switch
        {
            SessionException => exception.GetType().Name,
            ObjectDisposedException => "HostStopping",
            _ => null,
        },
        State = (exception as MessageNotAcceptedException)?.State,
    };

    private static Problem Describe(Exception exception, string sessionId, string operation) => exception switch
    {
        SessionNotFoundException => UnknownSession(sessionId),
        SessionCallerRequiredException => NotSignedIn($"Operation '{operation}' needs a signed-in caller: sign in and send it again."),
        UnknownOperationException => new(StatusCodes.Status404NotFound, "Unknown operation", $"Session '{sessionId}' has no operation '{operation}'."),
        MessageTypeMismatchException => MalformedMessage($"The message does not fit operation '{operation}'."),
        SessionFaultedException => new(
            StatusCodes.Status500InternalServerError, "Handler failed", $"The handler of operation '{operation}' of session '{sessionId}' failed."),
        HandlerTimeLimitExceededException => new(
            StatusCodes.Status504GatewayTimeout, "Handler time limit exceeded", $"The handler of operation '{operation}' of session '{sessionId}' ran past its time limit."),
        MailboxFullException => new(
            StatusCodes.Status503ServiceUnavailable, "Session busy", $"Session '{sessionId}' has too many messages waiting; try again later."),
        MessageExpiredException => new(
            StatusCodes.Status503ServiceUnavailable, "Message expired", $"The message for operation '{operation}' waited too long in session '{sessionId}''s queue."),
        ObjectDisposedException => new(
            StatusCodes.Status503ServiceUnavailable, "Stopping", "The server is stopping and accepts no more messages."),
        SessionStateException => new(
            StatusCodes.Status500InternalServerError, "Session cannot be loaded", $"Session '{sessionId}' is stored, but its stored state cannot be loaded; see the server's log."),
        SessionException => new(
            StatusCodes.Status409Conflict, "Message refused", $"Session '{sessionId}' refused the message for operation '{operation}': {exception.GetType().Name}."),
        _ => new(StatusCodes.Status500InternalServerError, "Server error", $"Operation '{operation}' could not be completed."),
    };

    public async Task WriteAsync(HttpContext context, string? sessionId = null, string? operation = null)
    {
        HttpResponse response = context.Response;
        response.StatusCode = Status;
        response.ContentType = "application/problem+json";
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeUri(Status));
            writer.WriteString("title", Title);
            writer.WriteNumber("status", Status);
            writer.WriteString("detail", Detail);
            writer.WriteString("instance", context.Request.PathBase + context.Request.Path);
            if (sessionId is not null)
            {
                writer.WriteString("sessionId", sessionId);
            }

            if (operation is not null)
            {
                writer.WriteString("operation", operation);
            }

            if (Error is not null)
            {
                writer.WriteString("error", Error);
            }

            if (State is not null)
            {
                writer.WriteString("state", State);
            }

            if (FaultType is not null)
            {
                writer.WriteString("exceptionType", FaultType);
            }

            writer.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private static string TypeUri(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        504 => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}

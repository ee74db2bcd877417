using System.Net;
using System.Text.Json;

namespace SessionGen;

/// <summary>
/// Turns an error response of the SessionGen endpoints (RFC 7807 problem details with the extensions <c>error</c>,
/// <c>state</c> and <c>exceptionType</c>) back into the exception a <see cref="SessionHost"/> throws.
/// </summary>
internal static class ProblemDetails
{
    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, SessionId id, string operation, CancellationToken cancellationToken)
    {
        string? error = null, state = null, faultType = null, title = null, detail = null;
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                using JsonDocument problem = JsonDocument.Parse(body);
                JsonElement root = problem.RootElement;
                error = Text(root, "error");
                state = Text(root, "state");
                faultType = Text(root, "exceptionType");
                title = Text(root, "title");
                detail = Text(root, "detail");
                operation = Text(root, "operation") ?? operation;
            }
            catch (JsonException)
            {
                // Not problem details after all (a proxy's page, say): the status alone decides.
            }
        }

        int status = (int)response.StatusCode;
        string message = detail ?? title ?? $"The server answered {status} ({response.ReasonPhrase}).";
        return error switch
        {
            nameof(SessionNotFoundException) => new SessionNotFoundException(id, message),
            nameof(SessionCallerRequiredException) => new SessionCallerRequiredException(id, operation),
            nameof(UnknownOperationException) => new UnknownOperationException(id, operation, message),
            nameof(SessionFaultedException) => new SessionFaultedException(id, operation, new RemoteHandlerException(faultType, message)),
            nameof(MessageNotAcceptedException) => new MessageNotAcceptedException(id, operation, state ?? "(unknown)", message),
            nameof(MailboxFullException) => new MailboxFullException(id, 0),
            nameof(MessageExpiredException) => new MessageExpiredException(id, operation, TimeSpan.Zero),
            nameof(HandlerTimeLimitExceededException) => new HandlerTimeLimitExceededException(id, operation, TimeSpan.Zero),
            nameof(SessionAlreadyExistsException) => new SessionAlreadyExistsException(id, message),
            nameof(SessionStateException) => new SessionStateException(id, message),
            nameof(CallCycleException) => new CallCycleException(id, operation, [id]),
            nameof(CorrelationConflictException) => new CorrelationConflictException(id, []),
            "HostStopping" => new ObjectDisposedException(nameof(SessionHost), message),
            _ when response.StatusCode == HttpStatusCode.NotFound && title == "Unknown operation" => new UnknownOperationException(id, operation, message),
            _ when response.StatusCode == HttpStatusCode.NotFound && error is null && title is "Session not found" => new SessionNotFoundException(id, message),
            _ => new HttpRequestException(message, null, response.StatusCode),
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

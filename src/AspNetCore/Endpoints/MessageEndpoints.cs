using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /prefix</c> (a starter's message creates a session) and <c>POST /prefix/{sessionId}/{operation}</c>
/// (a message; the handler's result comes back as JSON).
/// </summary>
internal static class MessageEndpoints
{
    private const string StarterQuery = "starter";

    public static async Task StartAsync(HttpContext context, HttpProcess process)
    {
        OperationJsonBinding? starter = ChooseStarter(context, process, out Problem? refusal);
        if (starter is null)
        {
            await refusal!.Value.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        SessionId id = SessionId.New();
        if (await ReadAndSendAsync(context, process, starter, id).ConfigureAwait(false) is not { } outcome)
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

    public static async Task SendAsync(HttpContext context, HttpProcess process)
    {
        string sessionId = (string)context.Request.RouteValues["sessionId"]!;
        string name = (string)context.Request.RouteValues["operation"]!;
        OperationJsonBinding? operation = process.Binding.Find(name);
        if (operation is null || operation.Operation.StartsSession)
        {
            await Problem.UnknownOperation(process.Name, name).WriteAsync(context, sessionId, name).ConfigureAwait(false);
            return;
        }

        if (await ReadAndSendAsync(context, process, operation, new SessionId(sessionId)).ConfigureAwait(false) is not { } outcome)
        {
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
    private static async Task<Outcome?> ReadAndSendAsync(HttpContext context, HttpProcess process, OperationJsonBinding operation, SessionId id)
    {
        string name = operation.Operation.Name;
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
        try
        {
            return new Outcome(await host.SendAsync(id, message, context.RequestAborted).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null; // the client has gone
        }
        catch (Exception exception)
        {
            Problem problem = Problem.From(exception, id.Value, name);
            if (problem.Status >= StatusCodes.Status500InternalServerError && exception is not SessionFaultedException)
            {
                // A handler fault is logged by the host already; anything else would otherwise go unseen.
                process.Logger.LogError(exception, "Operation {Operation} of session {SessionId} of {Process} failed", name, id.Value, process.Name);
            }

            await problem.WriteAsync(context, id.Value, name).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The message record: an operation without parameters may be sent with no body at all.</summary>
    private static object Parse(byte[] body, HttpProcess process, OperationJsonBinding operation) =>
        operation.Operation.DeserializeMessage(body.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? "{}"u8 : body, process.Json);

    private readonly record struct Outcome(object? Result);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// What API descriptions (ASP.NET Core's API explorer, and so an OpenAPI document) say about the endpoints: a name, the
/// process as tag, a summary, the answers and their media types, a result's type. Plain endpoint metadata that names
/// no type the application's JSON contracts may lack (a result's type is checked at startup); the schemas of the
/// messages, of the 201 body and of the problem details come from <c>OpenApiSchemas</c> where the target has
/// Microsoft.AspNetCore.OpenApi. Nothing here runs per request.
/// </summary>
internal static class EndpointDescription
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string EventStream = "text/event-stream";

    /// <summary>The problem-details answers of an operation: 409 when a one-way message is not queued or the session refuses it.</summary>
    public static readonly int[] OperationProblems =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict,
        StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable,
        StatusCodes.Status504GatewayTimeout,
    ];

    /// <summary>The problem-details answers of a start: 404 for an unknown starter, 409 for a client-chosen id in use.</summary>
    public static readonly int[] StartProblems =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict,
        StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>The problem-details answers of the event stream: 400 for a Last-Event-ID that is not a number.</summary>
    public static readonly int[] EventsProblems =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status404NotFound,
        StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable,
    ];

    public static IEndpointConventionBuilder OfOperation(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process, OperationJsonBinding operation)
    {
        string name = operation.Operation.Name;
        Describe(endpoint, handler, process, name, $"Sends a message for operation {name} to a session of {process.Name}.")
            .WithMetadata(
                operation.Operation.ResultType is { } result
                    ? new ProducesResponseTypeMetadata(StatusCodes.Status200OK, result, [Json])
                    : new ProducesResponseTypeMetadata(StatusCodes.Status204NoContent),
                new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted)); // with Prefer: respond-async
        Problems(endpoint, OperationProblems);
#if NET10_0_OR_GREATER
        OpenApiSchemas.OfOperation(endpoint, operation);
#endif
        return endpoint;
    }

    public static IEndpointConventionBuilder OfStart(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process)
    {
        bool one = process.Starters.Count == 1;
        string name = one ? process.Starters[0].Operation.Name : "Start";
        Describe(endpoint, handler, process, name, one
            ? $"Starts a session of {process.Name} with operation {name}; the answer has the session's id and the starter's result."
            : $"Starts a session of {process.Name} with the starter named by ?{MessageEndpoints.StarterQuery}= ({string.Join(", ", process.Starters.Select(static s => s.Operation.Name))}).")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, null, [Json]));
        Problems(endpoint, StartProblems);
#if NET10_0_OR_GREATER
        OpenApiSchemas.OfStart(endpoint, process);
#endif
        return endpoint;
    }

    public static IEndpointConventionBuilder OfEvents(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process)
    {
        Describe(endpoint, handler, process, "Events", $"Streams the events of a session of {process.Name} as Server-Sent Events; Last-Event-ID resumes.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, [EventStream]));
        Problems(endpoint, EventsProblems);
#if NET10_0_OR_GREATER
        OpenApiSchemas.OfEvents(endpoint);
#endif
        return endpoint;
    }

    /// <summary>
    /// The refusals an endpoint can answer besides its own: 401 when it needs a signed-in caller (authorization metadata,
    /// or a handler that requires a <c>SessionCaller</c>), 403 when a policy or a participant rule can refuse a signed-in one.
    /// </summary>
    public static IEndpointConventionBuilder OfRefusals(IEndpointConventionBuilder endpoint, bool unauthorized, bool forbidden)
    {
        int[] statuses = (unauthorized, forbidden) switch
        {
            (true, true) => [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden],
            (true, false) => [StatusCodes.Status401Unauthorized],
            (false, true) => [StatusCodes.Status403Forbidden],
            _ => [],
        };
        if (statuses.Length == 0)
        {
            return endpoint;
        }

        Problems(endpoint, statuses);
#if NET10_0_OR_GREATER
        OpenApiSchemas.OfRefusals(endpoint, statuses);
#endif
        return endpoint;
    }

    private static IEndpointConventionBuilder Describe(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process, string name, string summary) =>
        endpoint
            .WithName($"{process.Name}.{name}")
            .WithTags(process.Name)
            .WithSummary(summary)

            // The API explorer describes only endpoints that carry the method that handles them.
            .WithMetadata(handler.Method);

    private static void Problems(IEndpointConventionBuilder endpoint, int[] statuses)
    {
        foreach (int status in statuses)
        {
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, null, [ProblemJson]));
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using SessionGen.AspNetCore.Infrastructure;
using SessionGen.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// What API descriptions (an OpenAPI document, through ASP.NET Core's API explorer) say about the endpoints: a name,
/// the process as tag, the request and response types and the problem-details answers. Plain endpoint metadata, so
/// nothing here needs an OpenAPI package, and nothing runs per request.
/// </summary>
internal static class EndpointDescription
{
    private const string Json = "application/json";

    public static IEndpointConventionBuilder OfOperation(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process, OperationJsonBinding operation)
    {
        SessionOperation described = operation.Operation;
        Describe(endpoint, handler, process, described.Name, $"Sends a message for operation {described.Name} to a session of {process.Name}.")
            .WithMetadata(
                Accepts(MessageType(described), isOptional: operation.ParameterTypes.Count == 0),
                new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted), // with Prefer: respond-async
                described.ResultType is { } result
                    ? new ProducesResponseTypeMetadata(StatusCodes.Status200OK, result, [Json])
                    : new ProducesResponseTypeMetadata(StatusCodes.Status204NoContent));

        return Problems(
            endpoint,
            StatusCodes.Status400BadRequest,
            StatusCodes.Status404NotFound,
            StatusCodes.Status409Conflict,
            StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType,
            StatusCodes.Status500InternalServerError,
            StatusCodes.Status503ServiceUnavailable,
            StatusCodes.Status504GatewayTimeout);
    }

    public static IEndpointConventionBuilder OfStart(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process)
    {
        string name = process.Starters.Count == 1 ? process.Starters[0].Operation.Name : "Start";
        Describe(endpoint, handler, process, name, process.Starters.Count == 1
            ? $"Starts a session of {process.Name} with operation {name}; the answer has its id and the starter's result."
            : $"Starts a session of {process.Name} with the starter named by ?{MessageEndpoints.StarterQuery}= ({string.Join(", ", process.Starters.Select(static s => s.Operation.Name))}).")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(SessionStarted), [Json]));
        if (process.Starters.Count == 1)
        {
            endpoint.WithMetadata(Accepts(MessageType(process.Starters[0].Operation), isOptional: process.Starters[0].ParameterTypes.Count == 0));
        }

        return Problems(
            endpoint,
            StatusCodes.Status400BadRequest,
            StatusCodes.Status404NotFound,
            StatusCodes.Status409Conflict,
            StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType,
            StatusCodes.Status500InternalServerError,
            StatusCodes.Status503ServiceUnavailable);
    }

    public static IEndpointConventionBuilder OfEvents(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process) =>
        Problems(
            Describe(endpoint, handler, process, "Events", $"Streams the events of a session of {process.Name} as Server-Sent Events; Last-Event-ID resumes.")
                .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"])),
            StatusCodes.Status400BadRequest,
            StatusCodes.Status404NotFound,
            StatusCodes.Status500InternalServerError,
            StatusCodes.Status503ServiceUnavailable);

    private static IEndpointConventionBuilder Describe(IEndpointConventionBuilder endpoint, RequestDelegate handler, HttpProcess process, string name, string summary) =>
        endpoint
            .WithName($"{process.Name}.{name}")
            .WithTags(process.Name)
            .WithSummary(summary)

            // The API explorer describes only endpoints that carry the method that handles them.
            .WithMetadata(handler.Method);

    private static IEndpointConventionBuilder Problems(IEndpointConventionBuilder endpoint, params int[] statuses)
    {
        foreach (int status in statuses)
        {
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return endpoint;
    }

    // No content types: routing would then answer any other type itself (a bare 415, or the unknown-operation route),
    // where the endpoint answers with problem details. API descriptions take JSON as the body's default type.
    private static AcceptsMetadata Accepts(Type message, bool isOptional) => new([], message, isOptional);

    /// <summary>The operation's generated message record, whose properties are the handler's parameters.</summary>
    private static Type MessageType(SessionOperation operation)
    {
        for (Type? type = operation.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SessionOperation<,,>))
            {
                return type.GetGenericArguments()[1];
            }
        }

        throw new InvalidOperationException($"Operation '{operation}' is not a generated operation.");
    }
}

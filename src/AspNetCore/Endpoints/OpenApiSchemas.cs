#if NET10_0_OR_GREATER
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// The parts of the endpoints' OpenAPI descriptions that no CLR type describes: a message is a JSON object of the
/// handler's parameters under their wire names (not the generated record's shape), the 201 body is
/// <c>{"sessionId", "result"}</c>, and the problem details carry SessionGen's extensions. Each endpoint carries an
/// operation transformer that writes them from the JSON binding, with the schemas of the parameter and result types
/// taken from the application's JSON options (which the startup check has found to cover them), so the document
/// needs neither reflection nor SessionGen's types in the application's <c>JsonSerializerContext</c>. The transformers
/// run only when the application maps an OpenAPI document.
/// </summary>
internal static class OpenApiSchemas
{
    private const string ProblemSchemaId = "SessionGenProblemDetails";

    public static void OfOperation(IEndpointConventionBuilder endpoint, OperationJsonBinding operation) =>
        endpoint.AddOpenApiOperationTransformer(async (description, context, cancellationToken) =>
        {
            description.RequestBody = Body(await MessageAsync(operation, context, cancellationToken), required: operation.ParameterTypes.Count > 0);
            Add(description, SessionIdParameter());
            Add(description, Parameter(
                MessageEndpoints.MessageIdHeader, ParameterLocation.Header, "Makes the send idempotent: a repeat with the same id is handled once and answered alike."));
            Add(description, Parameter(
                "Prefer", ParameterLocation.Header, "respond-async: queue the message one way and answer 202 at once, without waiting for the handler."));
            OpenApiResponses responses = description.Responses ??= [];
            if (operation.Operation.ResultType is null)
            {
                // The API explorer reads a handler that returns a Task as "200, nothing": the endpoint answers 204.
                responses.Remove("200");
                responses["204"] = new OpenApiResponse { Description = "Handled; the operation has no result." };
            }

            responses["202"] = new OpenApiResponse { Description = "Queued one way (Prefer: respond-async)." };
            DescribeProblems(description, context.Document, EndpointDescription.OperationProblems);
        });

    public static void OfStart(IEndpointConventionBuilder endpoint, HttpProcess process) =>
        endpoint.AddOpenApiOperationTransformer(async (description, context, cancellationToken) =>
        {
            IReadOnlyList<OperationJsonBinding> starters = process.Starters;
            if (starters.Count == 1)
            {
                description.RequestBody = Body(await MessageAsync(starters[0], context, cancellationToken), required: starters[0].ParameterTypes.Count > 0);
            }
            else
            {
                var oneOf = new OpenApiSchema { OneOf = [] };
                foreach (OperationJsonBinding starter in starters)
                {
                    oneOf.OneOf.Add(await MessageAsync(starter, context, cancellationToken));
                }

                description.RequestBody = Body(oneOf, required: false);
                Add(description, Parameter(
                    MessageEndpoints.StarterQuery, ParameterLocation.Query, "The starter whose message the body is (any case).", required: true,
                    names: starters.Select(static s => s.Operation.Name)));
            }

            if (process.Options.AllowClientSessionIds)
            {
                Add(description, Parameter(
                    MessageEndpoints.SessionIdQuery, ParameterLocation.Query, "The new session's id, chosen by the client (1 to 128 letters, digits, '-', '_', '.', '~'); else the server makes one."));
            }

            var started = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["sessionId"] = String() },
                Required = new HashSet<string> { "sessionId" },
            };
            if (starters.Count == 1 && starters[0].Operation.ResultType is { } result)
            {
                started.Properties["result"] = await context.GetOrCreateSchemaAsync(result, null, cancellationToken);
                started.Required.Add("result");
            }

            (description.Responses ??= [])["201"] = new OpenApiResponse
            {
                Description = "Started: the new session's id (its URL is in Location) and the starter's result.",
                Content = new Dictionary<string, OpenApiMediaType> { [EndpointDescription.Json] = new() { Schema = started } },
            };
            DescribeProblems(description, context.Document, EndpointDescription.StartProblems);
        });

    public static void OfEvents(IEndpointConventionBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((description, context, cancellationToken) =>
        {
            Add(description, SessionIdParameter());
            Add(description, Parameter(
                "participant", ParameterLocation.Query, "Also the events emitted to this participant (EmitTo)."));
            Add(description, Parameter(
                EventStreamEndpoint.LastEventIdHeader, ParameterLocation.Header, "Resumes after this event (the id of the last one received)."));
            Add(description, Parameter(
                EventStreamEndpoint.LastEventIdQuery, ParameterLocation.Query, "Stands in for the Last-Event-ID header where it cannot be set (EventSource's first request)."));
            (description.Responses ??= [])["200"] = new OpenApiResponse
            {
                Description = "The session's events, until it ends or the client goes.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [EndpointDescription.EventStream] = new()
                    {
                        Schema = String("Server-Sent Events: each event's id is its sequence number, its name the event type's name, its data the event as JSON; "
                            + "sessiongen.missed, sessiongen.ended and sessiongen.overflow tell about the stream itself."),
                    },
                },
            };
            DescribeProblems(description, context.Document, EndpointDescription.EventsProblems);
            return Task.CompletedTask;
        });

    /// <summary>The refusals (401, 403) an endpoint's authorization or caller rules can answer, as problem details.</summary>
    public static void OfRefusals(IEndpointConventionBuilder endpoint, int[] statuses) =>
        endpoint.AddOpenApiOperationTransformer((description, context, cancellationToken) =>
        {
            DescribeProblems(description, context.Document, statuses);
            return Task.CompletedTask;
        });

    /// <summary>The message: a JSON object whose properties are the handler's parameters, named as on the wire.</summary>
    private static async Task<OpenApiSchema> MessageAsync(OperationJsonBinding operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var message = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = operation.Operation.Name,
            Properties = new Dictionary<string, IOpenApiSchema>(),
            Required = new HashSet<string>(),
        };
        for (int i = 0; i < operation.ParameterTypes.Count; i++)
        {
            Type type = operation.ParameterTypes[i];
            string name = operation.ParameterNames[i];
            message.Properties[name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);

            // A nullable value type may be left out; the binding does not say whether a reference type is nullable,
            // so those are listed as required, which every message that is read satisfies.
            if (Nullable.GetUnderlyingType(type) is null)
            {
                message.Required.Add(name);
            }
        }

        return message;
    }

    /// <summary>RFC 7807 problem details with the extensions the endpoints add.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = String(),
            ["title"] = String(),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = String(),
            ["instance"] = String(),
            ["sessionId"] = String(),
            ["operation"] = String(),
            ["error"] = String("The SessionGen exception behind the answer (SessionNotFoundException, MessageNotAcceptedException…)."),
            ["state"] = String("The protocol state that refused the message."),
            ["exceptionType"] = String("What a faulted handler threw, when the server exposes fault types."),
        },
        Required = new HashSet<string> { "type", "title", "status" },
    };

    private static void DescribeProblems(OpenApiOperation description, OpenApiDocument? document, int[] statuses)
    {
        OpenApiResponses responses = description.Responses ??= [];
        foreach (int status in statuses)
        {
            responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType> { [EndpointDescription.ProblemJson] = new() { Schema = ProblemSchema(document) } },
            };
        }
    }

    /// <summary>One component for every problem answer of the document, so a client generator makes one type of it.</summary>
    private static IOpenApiSchema ProblemSchema(OpenApiDocument? document)
    {
        if (document is null)
        {
            return Problem();
        }

        document.AddComponent<IOpenApiSchema>(ProblemSchemaId, Problem()); // false once an earlier endpoint has added it
        return new OpenApiSchemaReference(ProblemSchemaId, document);
    }

    private static OpenApiRequestBody Body(OpenApiSchema schema, bool required) => new()
    {
        Required = required,
        Content = new Dictionary<string, OpenApiMediaType> { [EndpointDescription.Json] = new() { Schema = schema } },
    };

    private static OpenApiParameter Parameter(string name, ParameterLocation location, string description, bool required = false, IEnumerable<string>? names = null) => new()
    {
        Name = name,
        In = location,
        Description = description,
        Required = required,
        Schema = names is null ? String() : new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. names.Select(static n => (System.Text.Json.Nodes.JsonNode)n)] },
    };

    private static OpenApiParameter SessionIdParameter() =>
        Parameter(MessageEndpoints.SessionIdRouteValue, ParameterLocation.Path, "The session's id.", required: true);

    private static void Add(OpenApiOperation description, OpenApiParameter parameter) => (description.Parameters ??= []).Add(parameter);

    private static OpenApiSchema String(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };
}
#endif

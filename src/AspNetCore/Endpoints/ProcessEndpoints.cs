using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SessionGen.AspNetCore.Authorization;
using SessionGen.AspNetCore.Infrastructure;
using SessionGen.Infrastructure;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// The endpoints of one mapped process, each with its own route, name and description, so that an OpenAPI document
/// lists them one by one and conventions (authorization, rate limits) can be put on a single operation.
/// </summary>
internal static class ProcessEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix, HttpProcess process, HandlerAuthorization authorization)
    {
        RouteGroupBuilder group = endpoints.MapGroup(prefix);

        // The class's authorization covers every endpoint (the event stream too); the marker has refusals answered as problem details.
        group.WithMetadata(SessionEndpointMetadata.Instance).WithMetadata([.. authorization.OfProcess]);
        Authorize(
            MapStart(group, process),
            authorization,
            authorization.OfStarters(process.Starters.Select(static s => s.Operation.Name).ToArray()),
            process.Starters.Any(static s => s.Operation.Caller == CallerParameter.Required));
        foreach (OperationJsonBinding operation in process.Binding.Operations)
        {
            if (!operation.Operation.StartsSession)
            {
                Authorize(
                    MapOperation(group, process, operation),
                    authorization,
                    authorization.OfOperation(operation.Operation.Name),
                    operation.Operation.Caller == CallerParameter.Required);
            }
        }

        // Routing prefers the literal segments above, in any case; what reaches this route names no operation.
        group.MapPost($"/{{{MessageEndpoints.SessionIdRouteValue}}}/{{operation}}", context => MessageEndpoints.UnknownOperationAsync(context, process))
            .ExcludeFromDescription();
        EndpointDescription.OfRefusals(MapEvents(group, process), unauthorized: true, forbidden: true); // naming a participant one is not
        return group;
    }

    /// <summary>An endpoint's own authorization metadata (the handler's), and the refusals it can answer described.</summary>
    private static void Authorize(IEndpointConventionBuilder endpoint, HandlerAuthorization authorization, IReadOnlyList<object> own, bool requiresCaller)
    {
        endpoint.WithMetadata([.. own]);
        IEnumerable<object> all = authorization.OfProcess.Concat(own);
        bool guarded = !all.Any(static item => item is IAllowAnonymous) && all.Any(static item => item is IAuthorizeData or IAuthorizationRequirementData);
        EndpointDescription.OfRefusals(endpoint, unauthorized: guarded || requiresCaller, forbidden: guarded);
    }

    /// <summary>
    /// <c>POST prefix/{sessionId}/Name</c>: the endpoint of one operation, where whatever concerns that operation alone
    /// goes (its description; its handler's authorization is added by Map).
    /// </summary>
    public static IEndpointConventionBuilder MapOperation(RouteGroupBuilder group, HttpProcess process, OperationJsonBinding operation)
    {
        RequestDelegate send = context => MessageEndpoints.SendAsync(context, process, operation);
        string pattern = $"/{{{MessageEndpoints.SessionIdRouteValue}}}/{RoutePatternLiteral(operation.Operation.Name)}";
        return EndpointDescription.OfOperation(group.MapPost(pattern, send), send, process, operation);
    }

    /// <summary><c>POST prefix</c>: a starter's message creates a session.</summary>
    public static IEndpointConventionBuilder MapStart(RouteGroupBuilder group, HttpProcess process)
    {
        RequestDelegate start = context => MessageEndpoints.StartAsync(context, process);
        return EndpointDescription.OfStart(group.MapPost("", start), start, process);
    }

    /// <summary><c>GET prefix/{sessionId}/events</c>: the session's events as Server-Sent Events.</summary>
    public static IEndpointConventionBuilder MapEvents(RouteGroupBuilder group, HttpProcess process)
    {
        RequestDelegate stream = context => EventStreamEndpoint.StreamAsync(context, process);
        return EndpointDescription.OfEvents(group.MapGet($"/{{{MessageEndpoints.SessionIdRouteValue}}}/events", stream), stream, process);
    }

    /// <summary>An operation name as a literal path segment: a route pattern reads <c>{</c>, <c>}</c> and <c>*</c>… itself.</summary>
    private static string RoutePatternLiteral(string name) => name.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionGen.AspNetCore.Authorization;
using SessionGen.AspNetCore.Endpoints;
using SessionGen.AspNetCore.Infrastructure;

namespace SessionGen;

/// <summary>Maps a session process onto HTTP endpoints.</summary>
public static class SessionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps process <typeparamref name="TProcess"/> under <paramref name="prefix"/>:
    /// <c>POST prefix</c> starts a session (body: the starter's message as JSON; 201 with <c>{"sessionId", "result"}</c>;
    /// <c>?starter=Name</c> picks one of several starters), <c>POST prefix/{sessionId}/Name</c>, one endpoint per
    /// operation (names in any case), sends a message (200 with the result as JSON, or 204), and <c>GET prefix/{sessionId}/events</c> streams the
    /// session's events as Server-Sent Events (with the caller's own <c>EmitTo</c> events; <c>Last-Event-ID</c> resumes).
    /// Every request's caller (a handler's <see cref="SessionCaller"/> parameter, the stream's participant) is the
    /// authenticated user (<see cref="SessionHttpOptions.UserId"/>), never the body. ASP.NET Core authorization attributes
    /// (<c>[Authorize]</c>, <c>[AllowAnonymous]</c>) on the process class apply to all its endpoints, on a handler to its
    /// operation's endpoint. A <c>POST</c> must have <c>Content-Type: application/json</c> or a <c>+json</c>
    /// type (UTF-8), even with an empty body; anything else is 415, because it could come from another site without a
    /// CORS preflight. Errors are RFC 7807 problem details. Each endpoint has a name (<c>Process.Operation</c>) and
    /// describes itself to API descriptions, so it appears in the application's OpenAPI document (<c>AddOpenApi</c>). The host is the application's
    /// <see cref="ISessionHost"/> service: the <see cref="SessionHost"/> of <c>services.AddSessionGen()</c>, or another host
    /// (a cluster's) registered as <see cref="ISessionHost"/>.
    /// </summary>
    /// <typeparam name="TProcess">A <c>[SessionProcess]</c> class; the generator implements <see cref="ISessionHttpProcess"/> for it.</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The route prefix, for example <c>"/rooms"</c>.</param>
    /// <param name="configure">Adjusts the endpoints' settings.</param>
    /// <returns>The route group, to add conventions such as authorization.</returns>
    /// <exception cref="InvalidOperationException">
    /// No <see cref="ISessionHost"/> is registered (<c>builder.Services.AddSessionGen()</c> is missing), or the JSON options
    /// cannot handle one of the process's parameter or result types, or (when they use a <c>JsonSerializerContext</c>)
    /// leave one of them to the reflection fallback; or the process has authorization attributes and
    /// <see cref="SessionHttpServiceCollectionExtensions.AddSessionGenHttp"/> was not called.
    /// </exception>
    public static RouteGroupBuilder MapSessionProcess<[DynamicallyAccessedMembers(HandlerAuthorization.Members)] TProcess>(
        this IEndpointRouteBuilder endpoints, string prefix, Action<SessionHttpOptions>? configure = null)
        where TProcess : ISessionHttpProcess
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        RequiredServices.EnsureSessionHost(endpoints.ServiceProvider, $"MapSessionProcess<{typeof(TProcess).Name}>");
        var options = new SessionHttpOptions();
        configure?.Invoke(options);
        JsonSerializerOptions json = options.SerializerOptions
            ?? endpoints.ServiceProvider.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
            ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ILogger logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("SessionGen.AspNetCore") ?? NullLogger.Instance;
        var process = new HttpProcess(TProcess.CreateJsonBinding(), json, options, logger);
        process.EnsureJsonCoversOperations();
        var authorization = HandlerAuthorization.Of(typeof(TProcess));
        EnsureRefusalsAreProblems(endpoints.ServiceProvider, process.Name, authorization);

        return ProcessEndpoints.Map(endpoints, prefix, process, authorization);
    }

    /// <summary>
    /// A process with authorization attributes needs <see cref="SessionHttpServiceCollectionExtensions.AddSessionGenHttp"/>:
    /// without it a refusal is the scheme's (a cookie scheme redirects an API call to its login page).
    /// </summary>
    private static void EnsureRefusalsAreProblems(IServiceProvider services, string process, HandlerAuthorization authorization)
    {
        if (authorization.Any && services.GetService<IAuthorizationMiddlewareResultHandler>() is not SessionAuthorizationResultHandler)
        {
            throw new InvalidOperationException(
                $"Process '{process}' has authorization attributes ([Authorize], [AllowAnonymous]) on its class or handlers: call " +
                "services.AddAuthorization() and services.AddSessionGenHttp() before building the application, so that refused " +
                "requests are answered 401/403 with problem details (not redirected to a login page).");
        }
    }
}

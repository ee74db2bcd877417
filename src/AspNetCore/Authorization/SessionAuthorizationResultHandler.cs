using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using SessionGen.AspNetCore.Endpoints;

namespace SessionGen.AspNetCore.Authorization;

/// <summary>
/// Answers a refusal by the authorization middleware on a SessionGen endpoint with 401 or 403 problem details: the
/// authentication schemes still challenge or forbid (a bearer scheme's <c>WWW-Authenticate</c> header stays), but a
/// redirect (a cookie scheme's, to its login or access-denied page) is no answer to an API call and is undone. Other
/// endpoints are answered as ASP.NET Core does by default.
/// </summary>
internal sealed class SessionAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<SessionEndpointMetadata>() is null)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        try
        {
            await standard.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // No scheme to challenge or forbid with (no default scheme, no authentication at all): the answer below says it all.
        }

        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Headers.Remove("Location");
        Problem problem = authorizeResult.Challenged ? Problem.Unauthenticated() : Problem.Forbidden();
        await problem.WriteAsync(context).ConfigureAwait(false);
    }
}

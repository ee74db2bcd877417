using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using SessionGen;

namespace ChatRoom;

/// <summary>The body of <c>POST /signin</c>.</summary>
public sealed record SignIn(string Name);

/// <summary>
/// The chat's sign-in: a name and nothing else (no password, no identity provider; a real application signs users in
/// with its identity provider and keeps the rest). <c>POST /signin</c> with <c>{"name": "ann"}</c> gives an
/// authentication cookie whose <see cref="ClaimTypes.NameIdentifier"/> claim is the name: the caller the rooms'
/// endpoints see (<see cref="SessionHttpOptions.UserId"/>'s default). A name that is in the lobby room under another
/// sign-in is refused, so two people cannot share one.
/// </summary>
/// <remarks>
/// Cross-site requests: the cookie is <c>SameSite=Strict</c> (a request another site starts carries no cookie) and
/// <c>HttpOnly</c> (no script reads it); the rooms' endpoints and this one read only JSON bodies, which a page on
/// another origin can send only after a CORS preflight this app never grants; and <see cref="RefuseCrossOriginPosts"/>
/// refuses a POST that a browser says comes from another origin. So antiforgery tokens, which protect form posts, are
/// not needed: there are none. See docs/callers.md.
/// </remarks>
public static class ChatSignIn
{
    public const int MaxNameLength = 40;

    /// <summary>Cookie authentication, its keys kept in <paramref name="keys"/> (so a restarted app still reads the cookies it gave).</summary>
    public static void AddChatSignIn(this IServiceCollection services, string keys)
    {
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("SessionGen.ChatRoom");
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "chat.user";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https in production; the tests run on http://127.0.0.1
            options.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddSessionGenHttp(); // refusals on the rooms' endpoints are 401/403 problem details, never a login redirect
    }

    /// <summary><c>POST /signin</c>: signs the browser in under a name.</summary>
    public static void MapChatSignIn(this WebApplication app) =>
        app.MapPost("/signin", async (SignIn body, HttpContext context, Lobby lobby, ISessionHost host, CancellationToken cancellationToken) =>
        {
            // Invisible characters (zero-width spaces and joiners) would let one name pass for another: refused. (Lookalike
            // letters, fullwidth or from another script, are not: the app runs with invariant globalization, without NFKC.)
            string name = body.Name?.Trim() ?? "";
            name = IsPlainText(name) ? name : "";
            if (name.Length is 0 or > MaxNameLength)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad name", detail: $"A name has 1 to {MaxNameLength} characters.");
            }

            string? current = SessionHttpOptions.NameIdentifierOf(context);
            if (!string.Equals(current, name, StringComparison.Ordinal) && await InLobbyAsync(name, lobby, host, cancellationToken))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"'{name}' is already in the room.");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return Results.NoContent();
        });

    /// <summary>
    /// Refuses (403) a POST that the browser marks as coming from another origin (<c>Sec-Fetch-Site</c>, else <c>Origin</c>),
    /// before it reaches an endpoint: defense in depth behind the SameSite cookie and the JSON-only bodies.
    /// </summary>
    public static void RefuseCrossOriginPosts(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && IsCrossOrigin(context.Request))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request", detail: "This application accepts POSTs from its own pages only.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsCrossOrigin(HttpRequest request)
    {
        // Browsers send Sec-Fetch-Site with every request (same-origin, same-site, cross-site, none for a typed address).
        string? site = request.Headers["Sec-Fetch-Site"];
        if (!string.IsNullOrEmpty(site))
        {
            return site is not ("same-origin" or "none");
        }

        // Older browsers: Origin, on every cross-origin request and on same-origin POSTs. No header: not a browser's cross-origin request.
        string? origin = request.Headers.Origin;
        return !string.IsNullOrEmpty(origin)
            && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Well-formed UTF-16 without control or format characters (zero-width and direction marks are format characters).</summary>
    private static bool IsPlainText(string text)
    {
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int used) != OperationStatus.Done
                || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    private static async Task<bool> InLobbyAsync(string name, Lobby lobby, ISessionHost host, CancellationToken cancellationToken)
    {
        SessionId room = await lobby.CurrentAsync(cancellationToken);
        var view = (RoomView)(await host.SendAsync(room, new Room.Messages.Look(), cancellationToken))!;
        return view.Members.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}

using Microsoft.AspNetCore.Http;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// Who a request speaks as: the authenticated user (<see cref="SessionHttpOptions.UserId"/>), or, only where the
/// application allows it (<see cref="SessionHttpOptions.AllowParticipantFromRequest"/>), the participant the request
/// names. Never the message's body: what a handler's <see cref="SessionCaller"/> parameter receives comes from here.
/// </summary>
internal static class HttpCaller
{
    /// <summary>The query parameter that names a participant: the event stream's, or a post's when allowed.</summary>
    public const string ParticipantQuery = "participant";

    /// <summary>The request header that names a post's participant when allowed.</summary>
    public const string ParticipantHeader = "SessionGen-Participant";

    private const int MaxParticipantLength = 256;

    /// <summary>The participant a post names (header first, then query), or null.</summary>
    public static string? RequestedByPost(HttpRequest request) =>
        request.Headers[ParticipantHeader].FirstOrDefault() ?? request.Query[ParticipantQuery].FirstOrDefault();

    /// <summary>The participant an event stream names, or null.</summary>
    public static string? RequestedByStream(HttpRequest request) => request.Query[ParticipantQuery].FirstOrDefault();

    /// <summary>
    /// The caller of <paramref name="context"/> (null: anonymous), given the participant the request names
    /// (<paramref name="requested"/>, null when none); false with <paramref name="refusal"/> when it may not be that participant.
    /// </summary>
    public static bool TryResolve(HttpContext context, HttpProcess process, string? requested, out SessionCaller? caller, out Problem refusal)
    {
        caller = null;
        refusal = default;
        if (requested is { Length: 0 })
        {
            requested = null;
        }

        if (process.Options.UserId(context) is { Length: > 0 } userId)
        {
            if (requested is not null && !string.Equals(requested, userId, StringComparison.Ordinal))
            {
                refusal = Problem.NotThisParticipant(requested);
                return false;
            }

            caller = new SessionCaller(userId, context.User);
            return true;
        }

        if (requested is null)
        {
            return true; // anonymous: public events only, and handlers that need a caller refuse
        }

        if (!process.Options.AllowParticipantFromRequest)
        {
            refusal = Problem.NotSignedIn(
                $"Only a signed-in user is a participant: sign in to act as '{Shorten(requested)}' (this server does not take participants from the request).");
            return false;
        }

        if (requested.Length > MaxParticipantLength || requested.Any(char.IsControl))
        {
            refusal = Problem.MalformedMessage($"A participant must be 1 to {MaxParticipantLength} characters, without control characters.");
            return false;
        }

        caller = new SessionCaller(requested);
        return true;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

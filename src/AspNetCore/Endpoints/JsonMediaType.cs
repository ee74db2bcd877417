using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// Which request bodies are read: <c>application/json</c> and structured <c>+json</c> types, in UTF-8. A page on
/// another site can send <c>text/plain</c>, form and multipart bodies, or a POST with no content type at all,
/// without a CORS preflight, with the user's cookies attached. Requiring a JSON media type forces the preflight,
/// so the browser asks the application's CORS policy before such a request reaches a session.
/// </summary>
internal static class JsonMediaType
{
    /// <summary>Whether <paramref name="contentType"/> (the request's header; null when absent) declares JSON in UTF-8.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType))
        {
            return false; // missing or unparsable: what a cross-site page sends without a preflight
        }

        bool json = mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

        // The body is parsed as UTF-8 bytes (RFC 8259 requires UTF-8 between systems); another charset would be misread.
        StringSegment charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
        bool utf8 = StringSegment.IsNullOrEmpty(charset)
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
        return json && utf8;
    }
}

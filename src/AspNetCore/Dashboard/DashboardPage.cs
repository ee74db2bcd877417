using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace SessionGen.AspNetCore.Dashboard;

/// <summary>
/// The page's three files, embedded in this assembly (nothing is fetched from anywhere else), served with a content
/// security policy that lets the page talk only to its own origin.
/// </summary>
internal sealed class DashboardPage
{
    /// <summary>Scripts and styles from this origin only, requests to this origin only, no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // Where the page's links point: replaced by the dashboard's path as the request reached it.
    private const string BasePlaceholder = "{{base}}";

    private readonly string html = Read("dashboard.html");
    private readonly byte[] css = Encoding.UTF8.GetBytes(Read("dashboard.css"));
    private readonly byte[] script = Encoding.UTF8.GetBytes(Read("dashboard.js"));

    public Task ServeHtmlAsync(HttpContext context, string prefix)
    {
        string basePath = HtmlEncoder.Default.Encode(context.Request.PathBase.Add(new PathString(prefix)).Value ?? "");
        return ServeAsync(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html.Replace(BasePlaceholder, basePath, StringComparison.Ordinal)));
    }

    public Task ServeCssAsync(HttpContext context) => ServeAsync(context, "text/css; charset=utf-8", css);

    public Task ServeScriptAsync(HttpContext context) => ServeAsync(context, "text/javascript; charset=utf-8", script);

    /// <summary>The headers every dashboard response carries: it is never cached, sniffed, framed or referred to.</summary>
    public static void SetSecurityHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    private static Task ServeAsync(HttpContext context, string contentType, byte[] body)
    {
        SetSecurityHeaders(context.Response);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static string Read(string file)
    {
        using Stream stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("SessionGen.AspNetCore.Dashboard." + file)
            ?? throw new InvalidOperationException($"The dashboard's {file} is missing from SessionGen.AspNetCore.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

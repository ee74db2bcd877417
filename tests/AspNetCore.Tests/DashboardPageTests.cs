using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SessionGen.AspNetCore.Tests;

/// <summary>The dashboard's page and its mapping: served from the package alone, locked down, off unless mapped.</summary>
public sealed partial class DashboardPageTests
{
    [Fact]
    public async Task The_page_is_html_whose_script_and_style_come_from_the_dashboard_itself()
    {
        await using DashboardServer server = await DashboardServer.StartAsync();

        using HttpResponseMessage page = await server.Client.GetAsync("/sessiongen");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("""<script src="/sessiongen/dashboard.js" defer></script>""", html, StringComparison.Ordinal);
        Assert.Contains("""<link rel="stylesheet" href="/sessiongen/dashboard.css">""", html, StringComparison.Ordinal);
        Assert.Contains("""data-snapshot="/sessiongen/snapshot""", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        // The browser may load scripts and styles and make requests to this origin only.
        string policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        using HttpResponseMessage script = await server.Client.GetAsync("/sessiongen/dashboard.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        string code = await script.Content.ReadAsStringAsync();
        Assert.Contains("fetch(", code, StringComparison.Ordinal);

        // The only absolute URL in the script is the SVG namespace, an identifier the browser never fetches.
        Assert.All(
            AbsoluteUrl().Matches(code).Select(match => match.Value),
            url => Assert.Equal("http://www.w3.org/2000/svg", url));
        Assert.DoesNotContain("innerHTML", code, StringComparison.Ordinal);

        using HttpResponseMessage style = await server.Client.GetAsync("/sessiongen/dashboard.css");
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        string css = await style.Content.ReadAsStringAsync();
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_served_unless_the_dashboard_is_mapped()
    {
        await using DashboardServer server = await DashboardServer.StartAsync(map: static _ => { });

        using HttpResponseMessage page = await server.Client.GetAsync("/sessiongen");
        using HttpResponseMessage snapshot = await server.Client.GetAsync("/sessiongen/snapshot");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, snapshot.StatusCode);
    }

    [Fact]
    public async Task The_route_group_it_returns_puts_every_part_behind_authorization()
    {
        await using DashboardServer server = await DashboardServer.StartAsync(
            map: static app => app.MapSessionGenDashboard("/sessiongen").RequireAuthorization(),
            configure: static services =>
            {
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
                    options.Events.OnRedirectToLogin = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    });
                services.AddAuthorization();
            });

        foreach (string path in new[] { "/sessiongen", "/sessiongen/snapshot", "/sessiongen/dashboard.js", "/sessiongen/dashboard.css" })
        {
            using HttpResponseMessage response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public void Mapping_it_without_a_session_host_fails_at_startup_and_names_the_missing_call()
    {
        WebApplication app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapSessionGenDashboard("/sessiongen"));

        Assert.Contains("AddSessionGen()", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""https?://[^\s"'`)]+""")]
    private static partial Regex AbsoluteUrl();
}

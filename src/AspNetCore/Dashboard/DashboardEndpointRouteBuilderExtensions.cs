using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionGen.AspNetCore.Dashboard;

namespace SessionGen;

/// <summary>Maps the SessionGen dashboard, a live view of the application's session host.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the SessionGen dashboard under <paramref name="prefix"/>: one page (<c>GET prefix</c>, its script and
    /// style embedded in this package, nothing loaded from elsewhere) that polls <c>GET prefix/snapshot</c> once a
    /// second and shows each process with its sessions, messages per second, faults and dead letters; a chosen
    /// session's protocol state, queue length, pending timeouts and subscribers with its protocol diagram; and the
    /// latest dead letters with their reasons. Nothing is collected until this is called.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The dashboard shows internals (process and operation names, session ids, counts), never a message's or event's
    /// payload. Anyone who can reach it learns the ids of running sessions, so outside development put it behind
    /// authorization: <c>app.MapSessionGenDashboard("/sessiongen").RequireAuthorization("operators")</c>.
    /// </para>
    /// <para>
    /// Session counts, states and dead letters are the host's; message, fault and dead-letter counts come from a
    /// <see cref="System.Diagnostics.Metrics.MeterListener"/> on the <c>SessionGen</c> meter started here (it adds all
    /// hosts of the .NET process, and counts from this call on). Messages per second are measured on the application's
    /// <see cref="TimeProvider"/> service (<see cref="TimeProvider.System"/> when there is none).
    /// </para>
    /// </remarks>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The dashboard's path, for example <c>"/sessiongen"</c>.</param>
    /// <returns>The route group, to add conventions such as <c>RequireAuthorization</c>.</returns>
    /// <exception cref="InvalidOperationException">The application has no <see cref="SessionHost"/> (call <c>services.AddSessionGen()</c>).</exception>
    public static RouteGroupBuilder MapSessionGenDashboard(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        IServiceProvider services = endpoints.ServiceProvider;
        SessionHost host = services.GetService<SessionHost>() ?? services.GetService<ISessionHost>() as SessionHost
            ?? throw new InvalidOperationException(
                "MapSessionGenDashboard shows the application's SessionHost, and there is none: call builder.Services.AddSessionGen() "
                + "(package SessionGen.Hosting) or register a SessionHost. A host that is not a SessionHost (a cluster's ISessionHost) has no dashboard.");
        var collector = new DashboardCollector(host, services.GetService<TimeProvider>() ?? TimeProvider.System);
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(collector.Dispose);

        var page = new DashboardPage();
        string path = "/" + prefix.Trim('/');
        RouteGroupBuilder group = endpoints.MapGroup(path);
        group.MapGet("", context => page.ServeHtmlAsync(context, path));
        group.MapGet("/dashboard.css", page.ServeCssAsync);
        group.MapGet("/dashboard.js", page.ServeScriptAsync);
        group.MapGet("/snapshot", context => ServeSnapshotAsync(context, collector));
        return group;
    }

    private static Task ServeSnapshotAsync(HttpContext context, DashboardCollector collector)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        DashboardSnapshot.Write(body, collector, context.Request.Query["process"], context.Request.Query["session"]);
        DashboardPage.SetSecurityHeaders(context.Response);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.WrittenCount;
        return context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).AsTask();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The PostgreSQL server of the cluster tests: scripts/postgres/start.sh (idempotent; it installs Debian's PostgreSQL
/// when it runs as root and finds none), whose only line on stdout is the connection string.
/// </summary>
internal static class ClusterDatabase
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5); // a first run may apt-get install postgresql

    public static async Task<string> StartAsync()
    {
        string script = Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", "..", "scripts", "postgres", "start.sh"));
        Assert.True(File.Exists(script), $"{script} is missing");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Guard);
        await process.WaitForExitAsync(guard.Token);
        string connectionString = (await output).Trim();
        Assert.True(process.ExitCode == 0 && connectionString.Length > 0, $"scripts/postgres/start.sh failed ({process.ExitCode}):\n{await errors}");
        return connectionString;
    }

    /// <summary>A loopback port nobody listens on now (the silo binds it a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ProjectDirectory() =>
        typeof(ClusterDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(static attribute => attribute.Key == "ProjectDirectory").Value!;
}

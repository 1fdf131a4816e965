using System.Diagnostics;
using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>Stops and starts this run's PostgreSQL cluster with deploy/postgres/pg-private.sh, as an outage would.</summary>
internal static class PrivateCluster
{
    public static void Stop(PostgresServer server) => Run("stop", server.Directory);

    /// <summary>Starts it again on the same port; connections pooled before the stop are dropped.</summary>
    public static void Start(PostgresServer server)
    {
        Run("start", server.Directory);
        NpgsqlConnection.ClearAllPools();
    }

    private static void Run(string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryFiles.Path("deploy", "postgres", "pg-private.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Eventually.Patience) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg-private.sh {command} {directory} failed:\n{output}{error.Result}");
        }
    }
}

using System.Diagnostics;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// The server process serving a registry-ingest child process in a test database, as the superuser
/// sees it in pg_stat_activity. The child connects with <see cref="ApplicationName"/>, which tells
/// its backend from the test's own (pooled) connections.
/// </summary>
internal static class IngestBackend
{
    public const string ApplicationName = "registry-ingest-under-test";

    private const string Backends = "FROM pg_stat_activity WHERE datname = @database AND application_name = '" + ApplicationName + "'";

    /// <summary>The app role's connection string for a child process, with <see cref="ApplicationName"/>.</summary>
    public static string ConnectionString(TestDatabase database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(database.AppConnectionString) { ApplicationName = ApplicationName }.ConnectionString;

    /// <summary>
    /// Waits until the worker's backend waits for a row lock (one a test holds), and returns its pid.
    /// Fails, with the program's output, if the program ends first.
    /// </summary>
    public static async Task<int> WaitUntilBlockedAsync(TestDatabase database, CliProcess process, TimeSpan timeout) =>
        (await WaitUntilWaitingAsync(database, process, 1, timeout, "AND wait_event IN ('transactionid', 'tuple')"))[0];

    /// <summary>Waits until <paramref name="count"/> backends of the workers wait for a lock, whichever.</summary>
    public static Task<List<int>> WaitUntilWaitingAsync(TestDatabase database, CliProcess process, int count, TimeSpan timeout) =>
        WaitUntilWaitingAsync(database, process, count, timeout, string.Empty);

    private static async Task<List<int>> WaitUntilWaitingAsync(TestDatabase database, CliProcess process, int count, TimeSpan timeout, string condition)
    {
        var admin = (await PostgresServer.GetAsync()).AdminConnectionString;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var waiting = Sql.Query<int>(admin, $"SELECT pid {Backends} AND wait_event_type = 'Lock' {condition}", new { database = database.Name });
            if (waiting.Count == count)
            {
                return waiting;
            }

            if (process.HasExited)
            {
                Assert.Fail($"registry-ingest ended before it waited for a lock:\n{process.WaitForResult(TimeSpan.FromSeconds(5))}");
            }

            await Task.Delay(20);
        }

        Assert.Fail($"{count} registry-ingest backend(s) did not wait for a lock in {timeout.TotalSeconds:0} s.");
        return [];
    }

    /// <summary>Waits until no backend of the worker is left: a killed client's backend rolls back when it notices.</summary>
    public static async Task WaitUntilGoneAsync(TestDatabase database, TimeSpan timeout)
    {
        var admin = (await PostgresServer.GetAsync()).AdminConnectionString;
        var clock = Stopwatch.StartNew();
        while (Sql.Scalar<long>(admin, $"SELECT count(*) {Backends}", new { database = database.Name }) > 0)
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"The worker's backend was still there after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Drops the backend's connection from the server side, as a failover or a network cut does.</summary>
    public static async Task TerminateAsync(int pid)
    {
        var admin = (await PostgresServer.GetAsync()).AdminConnectionString;
        Assert.That(Sql.Scalar<bool>(admin, "SELECT pg_terminate_backend(@pid)", new { pid }), Is.True, "pg_terminate_backend");
    }
}

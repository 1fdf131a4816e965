using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// A fresh registry database on this project's private cluster, copied from a template that the real
/// <c>registry-ingest migrate</c> built once per run (as registry_owner, granting registry_app), so a
/// test starts from exactly what an operator's database looks like after installation. Dropped on dispose.
/// </summary>
internal sealed class RegistryDatabase : IAsyncDisposable
{
    /// <summary>The tables that hold what a file brought, counted to compare runs.</summary>
    public static readonly string[] DataTables =
        ["submission_file", "message", "message_issue", "patient", "patient_identifier", "next_of_kin", "vaccination", "observation", "vaccination_vis"];

    private const string TemplateName = "e2e_migrated";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool templateReady;

    private RegistryDatabase(PostgresServer server, string name)
    {
        Name = name;
        Server = server;
        OwnerConnectionString = WithDatabase(server.OwnerConnectionString, name);
        AppConnectionString = WithDatabase(server.AppConnectionString, name);
    }

    public string Name { get; }

    public PostgresServer Server { get; }

    public string OwnerConnectionString { get; }

    /// <summary>registry_app: what the worker connects as.</summary>
    public string AppConnectionString { get; }

    public static async Task<RegistryDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        await EnsureTemplateAsync(server);
        var database = new RegistryDatabase(server, $"e2e_{Guid.NewGuid():N}");
        await AdminAsync(server, $"CREATE DATABASE {database.Name} TEMPLATE {TemplateName} OWNER registry_owner");
        await AdminAsync(server, $"REVOKE ALL ON DATABASE {database.Name} FROM PUBLIC");
        await AdminAsync(server, $"GRANT CONNECT, TEMP ON DATABASE {database.Name} TO registry_app");
        return database;
    }

    public T Scalar<T>(string sql, object? parameters = null) => Sql.Scalar<T>(OwnerConnectionString, sql, parameters);

    /// <summary>Backends of the worker's role on this database that wait for a lock (pg_stat_activity shows other roles' waits to a superuser only).</summary>
    public long WorkerBackendsWaitingForLock() =>
        Sql.Scalar<long>(
            Server.AdminConnectionString,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @Name AND usename = 'registry_app' AND wait_event_type = 'Lock'",
            new { Name });

    /// <summary>
    /// Ends the worker's server sessions, as the server does when it notices its client died. A
    /// statement a killed worker left waiting on a lock must not run once the lock is released:
    /// in a real crash it was never sent.
    /// </summary>
    public void TerminateWorkerBackends()
    {
        const string backends = "FROM pg_stat_activity WHERE datname = @Name AND usename = 'registry_app'";
        Sql.Scalar<long>(Server.AdminConnectionString, $"SELECT count(pg_terminate_backend(pid)) {backends}", new { Name });
        Eventually.Until(() => Sql.Scalar<long>(Server.AdminConnectionString, $"SELECT count(*) {backends}", new { Name }) == 0, "the killed worker's sessions are gone");
    }

    /// <summary>What every session on this database is doing, to explain a worker that hangs.</summary>
    public List<string> Activity() =>
        Sql.Query<string>(
            Server.AdminConnectionString,
            "SELECT concat_ws(' | ', pid, usename, state, wait_event_type, wait_event, now() - xact_start, left(query, 120)) FROM pg_stat_activity WHERE datname = @Name",
            new { Name });

    /// <summary>"table rows" for each of <see cref="DataTables"/>.</summary>
    public List<string> RowCounts() =>
        DataTables.Select(t => $"{t} {Scalar<long>($"SELECT count(*) FROM registry.{t}")}").ToList();

    /// <summary>The drop_file rows of one file name: (step, outcome, moved_to).</summary>
    public List<(string Step, string? Outcome, string? MovedTo)> DropFiles(string name) =>
        Sql.Query<(string, string?, string?)>(OwnerConnectionString, "SELECT step, outcome, moved_to FROM registry.drop_file WHERE name = @name ORDER BY id", new { name });

    /// <summary>The open step of a file in registry.drop_file, or null when it has no open row.</summary>
    public string? OpenStep(string name) =>
        Scalar<string?>("SELECT step FROM registry.drop_file WHERE name = @name AND step <> 'done'", new { name });

    /// <summary>Message ids handed out: a sequence does not roll back, so this counts messages that reached the server.</summary>
    public long MessagesSent() =>
        Scalar<long?>("SELECT pg_sequence_last_value(pg_get_serial_sequence('registry.message', 'id'))") ?? 0;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(OwnerConnectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(AppConnectionString));
        await AdminAsync(Server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync(PostgresServer server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (templateReady)
            {
                return;
            }

            await AdminAsync(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
            await AdminAsync(server, $"CREATE DATABASE {TemplateName} OWNER registry_owner");
            using var work = TempFolder.ForCaller();
            using var migrate = WorkerProcess.Start(work.Path, ["migrate"], new Dictionary<string, string>
            {
                ["ConnectionStrings__RegistryOwner"] = WithDatabase(server.OwnerConnectionString, TemplateName),
                ["ConnectionStrings__Registry"] = WithDatabase(server.AppConnectionString, TemplateName),
                ["Database__AppRole"] = "registry_app",
            });
            var result = migrate.WaitForExit(Eventually.Patience);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"registry-ingest migrate failed:\n{result}");
            }

            templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static async Task AdminAsync(PostgresServer server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A fresh, empty database on the run's private cluster, owned by registry_owner with the same
/// database privileges as <c>registry</c> (registry_app may connect and use temp tables, nobody
/// else may connect). Dropped, with any connections still open, on dispose.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private TestDatabase(PostgresServer server, string name)
    {
        Name = name;
        adminConnectionString = server.AdminConnectionString;
        OwnerConnectionString = WithDatabase(server.OwnerConnectionString, name);
        AppConnectionString = WithDatabase(server.AppConnectionString, name);
    }

    public string Name { get; }

    /// <summary>registry_owner, who runs the migrations.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>registry_app, the worker: DML only once the migrations grant it.</summary>
    public string AppConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        PostgresServer server = await PostgresServer.GetAsync();
        var database = new TestDatabase(server, $"test_{Guid.NewGuid():N}");
        // One statement a command: CREATE DATABASE cannot run inside the implicit transaction of a batch.
        await database.AdminAsync($"CREATE DATABASE {database.Name} OWNER registry_owner", cancellationToken);
        await database.AdminAsync($"REVOKE ALL ON DATABASE {database.Name} FROM PUBLIC", cancellationToken);
        await database.AdminAsync($"GRANT CONNECT, TEMP ON DATABASE {database.Name} TO registry_app", cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled idle connections would otherwise point at a dropped database.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(OwnerConnectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(AppConnectionString));
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private async Task AdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

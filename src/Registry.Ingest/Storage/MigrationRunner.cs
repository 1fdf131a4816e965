using Dapper;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// Applies the shipped migrations that the database has not seen, all in one transaction: a
/// failure leaves the database exactly as it was. Applied migrations are recorded with a
/// checksum; one changed after it was applied is refused. A lock keeps two runs from racing.
/// Afterwards the worker's role is granted data access (only), whatever migrations ran.
/// </summary>
internal sealed class MigrationRunner(string ownerConnectionString, string appRole, TimeProvider time)
{
    private const long LockKey = 0x52_49_4E_47_45_53_54; // "RINGEST"

    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
        await connection.ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS registry;
            CREATE TABLE IF NOT EXISTS registry.schema_migration (
                version     integer     PRIMARY KEY,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL
            );
            """, transaction: transaction);
        var applied = (await connection.QueryAsync<(int Version, string Name, string Checksum)>(
            "SELECT version, name, checksum FROM registry.schema_migration", transaction: transaction)).ToDictionary(m => m.Version);

        var pending = new List<Migration>();
        foreach (var migration in Migration.Shipped())
        {
            if (applied.TryGetValue(migration.Version, out var done))
            {
                if (done.Checksum != migration.Checksum)
                {
                    throw new InvalidOperationException($"Migration {migration.Name} was changed after it was applied (checksum differs); add a new migration instead.");
                }

                continue;
            }

            try
            {
                await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Migration {migration.Name} failed: {e.MessageText} (SQLSTATE {e.SqlState}); nothing was changed.", e);
            }

            await connection.ExecuteAsync(
                "INSERT INTO registry.schema_migration (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @At)",
                new { migration.Version, migration.Name, migration.Checksum, At = time.GetUtcNow().UtcDateTime },
                transaction);
            pending.Add(migration);
        }

        await GrantAsync(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    private async Task GrantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        bool exists = await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @appRole)", new { appRole }, transaction);
        if (!exists)
        {
            // Applied without the grants, the schema would leave the worker refused at its first poll.
            throw new InvalidOperationException(
                $"{DatabaseOptions.Section}:AppRole: there is no role '{appRole}' to grant data access to; create the role the worker connects as (ConnectionStrings:Registry), or set {DatabaseOptions.Section}:AppRole to it. Nothing was changed.");
        }

        var role = new NpgsqlCommandBuilder().QuoteIdentifier(appRole);
        await connection.ExecuteAsync($"""
            GRANT USAGE ON SCHEMA registry TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA registry TO {role};
            REVOKE INSERT, UPDATE, DELETE ON registry.schema_migration FROM {role};
            -- UPDATE: ingest reserves blocks of ids with setval (see SqlIds).
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA registry TO {role};
            """, transaction: transaction);
    }
}

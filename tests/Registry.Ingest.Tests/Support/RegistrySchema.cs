using Registry.Ingest.Storage;

namespace Registry.Ingest.Tests.Support;

/// <summary>The registry schema in a test database, migrated as the owner role, as <c>registry-ingest migrate</c> does.</summary>
internal static class RegistrySchema
{
    /// <summary>The worker's role on the test cluster (deploy/postgres/pg-private.sh), granted data access by the migrations.</summary>
    public const string AppRole = "registry_app";

    /// <summary>Every table migration 0001 creates, and the runner's own.</summary>
    public static readonly string[] Tables =
    [
        "message", "message_issue", "next_of_kin", "observation", "patient", "patient_identifier",
        "drop_file", "schema_migration", "submission_file", "vaccination", "vaccination_vis",
    ];

    public static Task<IReadOnlyList<Migration>> MigrateAsync(TestDatabase database, TimeProvider? time = null) =>
        new MigrationRunner(database.OwnerConnectionString, AppRole, time ?? FixedTimeProvider.Default).ApplyAsync(CancellationToken.None);

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await MigrateAsync(database);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}

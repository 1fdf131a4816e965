using Registry.Ingest.Storage;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// <see cref="Registry.Ingest.Storage.MigrationRunner"/> against a real database: a fresh database
/// gets the whole schema, a second run is a no-op, a migration changed after it was applied is
/// refused, and one that fails leaves the database as it was.
/// </summary>
[TestFixture]
internal sealed class MigrationRunnerTests
{
    private static readonly DateTimeOffset Later = FixedTimeProvider.Default.GetUtcNow().AddDays(30);

    private TestDatabase database = null!;

    [SetUp]
    public async Task CreateDatabase() => database = await TestDatabase.CreateAsync();

    [TearDown]
    public async Task DropDatabase() => await database.DisposeAsync();

    [Test]
    public async Task Apply_FreshDatabase_CreatesEveryRegistryTableAndRecordsTheMigration()
    {
        var applied = await RegistrySchema.MigrateAsync(database);

        Assert.That(applied.Select(m => m.Name), Is.EqualTo(new[] { "0001_registry_schema", "0002_drop_folder_state", "0003_bulk_rows_without_row_checks", "0004_content_hash", "0005_lighter_bulk_writes", "0006_processed_size_index", "0007_next_of_kin_any_case", "0008_order_number_per_patient", "0009_own_writes_keep_their_digest", "0010_vaccination_created_by", "0011_vis_provenance", "0012_processed_name_index", "0013_answered_name_index", "0014_empty_files_never_duplicates" }));
        Assert.That(RegistryTables(), Is.EquivalentTo(RegistrySchema.Tables));
        Assert.That(Owner<string>("SELECT string_agg(name || ' ' || checksum, ', ' ORDER BY version) FROM registry.schema_migration"),
            Is.EqualTo($"0001_registry_schema {applied[0].Checksum}, 0002_drop_folder_state {applied[1].Checksum}, 0003_bulk_rows_without_row_checks {applied[2].Checksum}, 0004_content_hash {applied[3].Checksum}, 0005_lighter_bulk_writes {applied[4].Checksum}, 0006_processed_size_index {applied[5].Checksum}, 0007_next_of_kin_any_case {applied[6].Checksum}, 0008_order_number_per_patient {applied[7].Checksum}, 0009_own_writes_keep_their_digest {applied[8].Checksum}, 0010_vaccination_created_by {applied[9].Checksum}, 0011_vis_provenance {applied[10].Checksum}, 0012_processed_name_index {applied[11].Checksum}, 0013_answered_name_index {applied[12].Checksum}, 0014_empty_files_never_duplicates {applied[13].Checksum}"));
    }

    /// <summary>Applied without its grants, the schema would leave the worker refused at its first poll ("permission denied for schema registry").</summary>
    [Test]
    public async Task Apply_AppRoleThatDoesNotExist_IsRefusedNamingTheSettingAndChangesNothing()
    {
        var runner = new MigrationRunner(database.OwnerConnectionString, "no_such_role", FixedTimeProvider.Default);

        Assert.That(
            async () => await runner.ApplyAsync(CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("Database:AppRole: there is no role 'no_such_role'"));
        Assert.That(RegistryTables(), Is.Empty, "rolled back");
    }

    [Test]
    public async Task Apply_SecondRun_AppliesNothingAndChangesNothing()
    {
        await RegistrySchema.MigrateAsync(database);
        var before = Owner<string>("SELECT string_agg(version || ' ' || checksum || ' ' || applied_at, ', ') FROM registry.schema_migration");

        var applied = await RegistrySchema.MigrateAsync(database, new FixedTimeProvider(Later));

        Assert.That(applied, Is.Empty);
        Assert.That(Owner<string>("SELECT string_agg(version || ' ' || checksum || ' ' || applied_at, ', ') FROM registry.schema_migration"), Is.EqualTo(before));
        Assert.That(RegistryTables(), Is.EquivalentTo(RegistrySchema.Tables));
    }

    [Test]
    public async Task Apply_NextOfKinAnyCase_MergesRowsThatDifferOnlyInCaseKeepingTheLastChanged()
    {
        await RegistrySchema.MigrateAsync(database);
        // The database as version 6 left it, with the rows its case-sensitive key let in.
        Sql.Execute(database.OwnerConnectionString, """
            DROP INDEX registry.next_of_kin_person;
            ALTER TABLE registry.next_of_kin ADD CONSTRAINT next_of_kin_patient_id_relationship_family_name_given_name_key UNIQUE (patient_id, relationship, family_name, given_name);
            DELETE FROM registry.schema_migration WHERE version >= 7;
            ALTER TABLE registry.vaccination DROP COLUMN created_message_id, DROP COLUMN created_line;
            ALTER TABLE registry.vaccination_vis DROP COLUMN file_id, DROP COLUMN message_id, DROP COLUMN line;
            DROP INDEX registry.submission_file_processed_name;
            DROP INDEX registry.drop_file_answered_name;
            DROP INDEX registry.vaccination_by_order;
            CREATE UNIQUE INDEX vaccination_by_order ON registry.vaccination (sending_facility, filler_order_id, filler_order_authority) WHERE filler_order_id IS NOT NULL;
            INSERT INTO registry.next_of_kin (patient_id, relationship, family_name, given_name, city, file_id, message_id, line) VALUES
                (1, 'MTH', 'DOE', 'MARY', 'FIRST', 1, 10, 3),
                (1, 'MTH', 'Doe', 'Mary', 'LAST', 2, 20, 3),
                (1, 'MTH', 'doe', 'MARY', 'MIDDLE', 1, 15, 3),
                (1, 'FTH', 'DOE', 'JOHN', 'OTHER', 1, 10, 4),
                (2, 'MTH', 'DOE', 'MARY', 'OTHER PATIENT', 1, 11, 3);
            """);

        var applied = await RegistrySchema.MigrateAsync(database);

        Assert.That(applied.Select(m => m.Name), Is.EqualTo(new[] { "0007_next_of_kin_any_case", "0008_order_number_per_patient", "0009_own_writes_keep_their_digest", "0010_vaccination_created_by", "0011_vis_provenance", "0012_processed_name_index", "0013_answered_name_index", "0014_empty_files_never_duplicates" }));
        Assert.That(Owner<string>("SELECT string_agg(patient_id || ' ' || relationship || ' ' || family_name || ' ' || city, ', ' ORDER BY patient_id, relationship) FROM registry.next_of_kin"),
            Is.EqualTo("1 FTH DOE OTHER, 1 MTH Doe LAST, 2 MTH DOE OTHER PATIENT"));
    }

    [Test]
    public async Task Apply_MigrationChangedAfterItWasApplied_IsRefusedNamingIt()
    {
        await RegistrySchema.MigrateAsync(database);
        // What the database sees when a shipped file was edited after it ran: another checksum.
        Sql.Execute(database.OwnerConnectionString, "UPDATE registry.schema_migration SET checksum = 'edited' WHERE version = 1");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => RegistrySchema.MigrateAsync(database));

        Assert.That(error!.Message, Does.Contain("0001_registry_schema").And.Contain("checksum"));
        Assert.That(Owner<string>("SELECT checksum FROM registry.schema_migration WHERE version = 1"), Is.EqualTo("edited"));
    }

    /// <summary>
    /// The shipped migrations cannot be swapped for a failing one, so 0001 is made to fail half way:
    /// a view already holds the name registry.patient, after three tables were created.
    /// </summary>
    [Test]
    public async Task Apply_MigrationFailsHalfWay_LeavesTheDatabaseAsItWas()
    {
        Sql.Execute(database.OwnerConnectionString, "CREATE SCHEMA registry; CREATE VIEW registry.patient AS SELECT 1 AS id");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => RegistrySchema.MigrateAsync(database));

        Assert.That(error!.Message, Does.Contain("0001_registry_schema failed").And.Contain("nothing was changed"));
        Assert.That(RegistryTables(), Is.Empty, "not even registry.schema_migration, which the runner creates first");
        Assert.That(Owner<string>("SELECT string_agg(relname, ', ') FROM pg_class WHERE relnamespace = 'registry'::regnamespace"), Is.EqualTo("patient"));
        Assert.That(Owner<bool>("SELECT has_schema_privilege('registry_app', 'registry', 'USAGE')"), Is.False, "no grants either");
    }

    [Test]
    public async Task Apply_AfterAFailedRunIsFixed_AppliesEverything()
    {
        Sql.Execute(database.OwnerConnectionString, "CREATE SCHEMA registry; CREATE VIEW registry.patient AS SELECT 1 AS id");
        Assert.ThrowsAsync<InvalidOperationException>(() => RegistrySchema.MigrateAsync(database));
        Sql.Execute(database.OwnerConnectionString, "DROP VIEW registry.patient");

        var applied = await RegistrySchema.MigrateAsync(database);

        Assert.That(applied, Has.Count.EqualTo(Migration.Shipped().Count));
        Assert.That(RegistryTables(), Is.EquivalentTo(RegistrySchema.Tables));
    }

    private List<string> RegistryTables() =>
        Sql.Query<string>(database.OwnerConnectionString, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'registry' AND table_type = 'BASE TABLE'");

    private T Owner<T>(string sql) => Sql.Scalar<T>(database.OwnerConnectionString, sql);
}

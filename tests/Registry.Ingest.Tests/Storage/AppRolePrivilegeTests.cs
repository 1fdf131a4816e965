using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// After <c>migrate</c>, the worker's role reads and writes registry data but cannot change the
/// schema (SQLSTATE 42501), nor the record of applied migrations.
/// </summary>
[TestFixture]
internal sealed class AppRolePrivilegeTests
{
    private const string InsertPatient = """
        INSERT INTO registry.patient (sending_facility, id_value, birth_date, created_file_id, created_message_id, updated_file_id, updated_message_id, updated_line, updated_at)
        VALUES ('CLINIC01', 'PAT1', '2023-04-15', 1, 1, 1, 1, 1, now())
        """;

    private TestDatabase database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => database = await RegistrySchema.CreateMigratedAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await database.DisposeAsync();

    [Test]
    public void App_ReadsInsertsUpdatesAndDeletesRegistryData()
    {
        using var connection = new NpgsqlConnection(database.AppConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();

        Execute(connection, InsertPatient);
        Execute(connection, "UPDATE registry.patient SET sex = 'F' WHERE id_value = 'PAT1'");

        using var read = new NpgsqlCommand("SELECT sex FROM registry.patient WHERE id_value = 'PAT1'", connection);
        Assert.That(read.ExecuteScalar(), Is.EqualTo("F"));
        Assert.That(() => Execute(connection, "DELETE FROM registry.patient WHERE id_value = 'PAT1'"), Throws.Nothing);
    }

    [TestCase("CREATE TABLE registry.sneaky (id int)")]
    [TestCase("ALTER TABLE registry.patient ADD COLUMN sneaky text")]
    [TestCase("DROP TABLE registry.observation")]
    [TestCase("CREATE INDEX sneaky ON registry.patient (sex)")]
    [TestCase("TRUNCATE registry.vaccination_vis")]
    [TestCase("INSERT INTO registry.schema_migration VALUES (2, 'sneaky', 'x', now())")]
    [TestCase("DELETE FROM registry.schema_migration")]
    [TestCase("CREATE SCHEMA sneaky")]
    public void App_SchemaChange_IsDeniedWith42501(string sql)
    {
        using var connection = new NpgsqlConnection(database.AppConnectionString);
        connection.Open();

        var error = Assert.Throws<PostgresException>(() => Execute(connection, sql));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), error.MessageText);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

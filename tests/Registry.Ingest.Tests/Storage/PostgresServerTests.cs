using System.Runtime.Versioning;
using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>The private cluster the storage tests run against is real and has the roles' privileges we rely on.</summary>
[TestFixture]
[Platform("Linux")] // deploy/postgres/pg-private.sh is a Debian script
[SupportedOSPlatform("linux")]
internal sealed class PostgresServerTests
{
    [Test]
    public async Task Server_WhenStarted_IsPostgres15()
    {
        PostgresServer server = await PostgresServer.GetAsync();

        string version = await ScalarAsync<string>(server.OwnerConnectionString, "SHOW server_version");

        Assert.That(version, Does.StartWith("15."));
    }

    [Test]
    public async Task Owner_InAFreshDatabase_CreatesAndUsesATable()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync();

        await ExecuteAsync(database.OwnerConnectionString, "CREATE TABLE batch_file (id bigint PRIMARY KEY, name text NOT NULL)");
        await ExecuteAsync(database.OwnerConnectionString, "INSERT INTO batch_file VALUES (1, 'HL7_A_20240101.txt')");

        Assert.That(await ScalarAsync<long>(database.OwnerConnectionString, "SELECT count(*) FROM batch_file"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<string>(database.OwnerConnectionString, "SELECT tableowner FROM pg_tables WHERE tablename = 'batch_file'"),
            Is.EqualTo("registry_owner"));
    }

    [Test]
    public async Task App_CreateTableInAFreshDatabase_IsDeniedWith42501()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync();

        var error = Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(database.AppConnectionString, "CREATE TABLE sneaky (id int)"));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task App_CreateTableInRegistry_IsDeniedWith42501()
    {
        PostgresServer server = await PostgresServer.GetAsync();

        var error = Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(server.AppConnectionString, "CREATE TABLE sneaky (id int)"));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task App_Role_HasNoAdministrativeRights()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync();

        bool[] rights = await ScalarAsync<bool[]>(database.AppConnectionString,
            "SELECT ARRAY[rolsuper, rolcreatedb, rolcreaterole] FROM pg_roles WHERE rolname = current_user");

        Assert.That(rights, Is.EqualTo(new[] { false, false, false }), "superuser, createdb, createrole");
    }

    [Test]
    public async Task App_TempTable_CanBeCreatedForBulkStaging()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync();

        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TEMP TABLE staging (id int); INSERT INTO staging VALUES (1), (2); SELECT count(*) FROM staging", connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task TestDatabases_TwoAtOnce_DoNotSeeEachOthersTables()
    {
        await using TestDatabase first = await TestDatabase.CreateAsync();
        await using TestDatabase second = await TestDatabase.CreateAsync();

        await ExecuteAsync(first.OwnerConnectionString, "CREATE TABLE only_in_first (id int)");

        Assert.That(first.Name, Is.Not.EqualTo(second.Name));
        Assert.That(await ScalarAsync<bool>(first.OwnerConnectionString, "SELECT to_regclass('only_in_first') IS NOT NULL"), Is.True);
        Assert.That(await ScalarAsync<bool>(second.OwnerConnectionString, "SELECT to_regclass('only_in_first') IS NOT NULL"), Is.False);
    }

    [Test]
    public async Task TestDatabase_AfterDispose_IsDroppedEvenWithAnOpenConnection()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        TestDatabase database = await TestDatabase.CreateAsync();
        await using var open = new NpgsqlConnection(database.OwnerConnectionString);
        await open.OpenAsync();

        await database.DisposeAsync();

        Assert.That(await ScalarAsync<long>(server.AdminConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{database.Name}'"),
            Is.Zero);
    }

    [Test]
    public async Task OtherRoles_FreshDatabase_CannotConnect()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync();
        PostgresServer server = await PostgresServer.GetAsync();
        string role = $"outsider_{Guid.NewGuid():N}";
        await ExecuteAsync(server.AdminConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'outsider'");
        string outsider = new NpgsqlConnectionStringBuilder(database.AppConnectionString) { Username = role, Password = "outsider" }.ConnectionString;

        try
        {
            var error = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(outsider, "SELECT 1"));

            Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        }
        finally
        {
            await ExecuteAsync(server.AdminConnectionString, $"DROP ROLE {role}");
        }
    }

    [TestCase("owner.password")]
    [TestCase("app.password")]
    [TestCase("env")]
    public async Task SecretFile_OnDisk_IsReadableByItsOwnerOnly(string fileName)
    {
        PostgresServer server = await PostgresServer.GetAsync();

        UnixFileMode mode = File.GetUnixFileMode(Path.Combine(server.Directory, fileName));

        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

using System.Net;
using System.Net.Sockets;
using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// <c>registry-ingest ingest</c> and <c>migrate</c> run as real processes: ingest exits as validate
/// does (0 all AA, 1 some AE/AR, 2 some file not processed), 69 when the database cannot be reached,
/// 78 when ConnectionStrings:Registry is missing; no password is ever printed.
/// </summary>
[TestFixture]
internal sealed class IngestCommandTests
{
    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    private string AppPassword => new NpgsqlConnectionStringBuilder(registry.Database.AppConnectionString).Password!;

    [TestCase("HL7_CLINIC01_20240515.txt", 0, 1, TestName = "{m}(all AA: 0)")]
    [TestCase("HL7_CLINIC01_20240516.txt", 1, 1, TestName = "{m}(an AE: 1)")]
    [TestCase("HL7_CLINIC 01_20240517.txt", 2, 0, TestName = "{m}(bad file name: 2)")]
    public void Ingest_File_ExitsAndReportsAsValidateAndStores(string fileName, int exitCode, int patients)
    {
        var input = registry.Work.Combine(fileName);
        File.WriteAllText(input, BatchFiles.Messages(2, (m, i) => exitCode == 1 && i == 1 ? m.With("PID-7", string.Empty) : m));

        var validated = RegistryIngestCli.Run(registry.Work.Path, ["validate", input, "--out", registry.Work.Combine("validated")]);
        var ingested = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("ingested")], Connection());

        Assert.That(ingested.ExitCode, Is.EqualTo(exitCode), ingested.ToString());
        Assert.That(validated.ExitCode, Is.EqualTo(exitCode), validated.ToString());
        Assert.That(ingested.StandardOutput.Replace("ingested", "validated", StringComparison.Ordinal), Is.EqualTo(validated.StandardOutput));
        Assert.That(ingested.StandardError, Is.Empty);
        Assert.That(registry.Count("submission_file"), Is.EqualTo(1), "the file is recorded, processed or not");
        Assert.That(registry.Count("patient"), Is.EqualTo(patients));
        Assert.That(ingested.ToString(), Does.Not.Contain(AppPassword));
    }

    [Test]
    public void Ingest_SameFileTwice_SecondRunSaysDuplicateAndExitsAsTheFirst()
    {
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, BatchFiles.Messages(2, (m, i) => i == 1 ? m.With("PID-7", string.Empty) : m));
        var first = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("out")], Connection());

        var second = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("again")], Connection());

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((1, 1)), second.ToString());
        Assert.That(second.OutputLines, Has.Length.EqualTo(1).And.Some.StartsWith(
            "'HL7_CLINIC01_20240515.txt': DUPLICATE of 'HL7_CLINIC01_20240515.txt', nothing stored again; original ACK repeated (2 messages: AA 1, AE 1, AR 0)"));
    }

    [Test]
    public void Ingest_DatabaseUnreachable_Exits69SayingSoWithoutThePassword()
    {
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, BatchFiles.Messages(1));
        var unreachable = new NpgsqlConnectionStringBuilder(registry.Database.AppConnectionString) { Port = FreePort(), Timeout = 5 }.ConnectionString;

        var result = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("out")],
            new Dictionary<string, string> { ["ConnectionStrings__Registry"] = unreachable });

        Assert.That(result.ExitCode, Is.EqualTo(69), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1).And.Some.StartsWith("Database error").And.Some.Contains("HL7_CLINIC01_20240515.txt"));
        Assert.That(result.ToString(), Does.Not.Contain(AppPassword));
        Assert.That(Directory.EnumerateFileSystemEntries(registry.Work.Combine("out")), Is.Empty, "no ACK file or report for a file that was not stored");
    }

    [Test]
    public void Ingest_WrongPassword_Exits69WithoutEitherPassword()
    {
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, BatchFiles.Messages(1));
        const string wrong = "not-the-password-1f2e3d";
        var connection = new NpgsqlConnectionStringBuilder(registry.Database.AppConnectionString) { Password = wrong }.ConnectionString;

        var result = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("out")],
            new Dictionary<string, string> { ["ConnectionStrings__Registry"] = connection });

        Assert.That(result.ExitCode, Is.EqualTo(69), result.ToString());
        Assert.That(result.StandardError, Does.Contain("password authentication failed"));
        Assert.That(result.ToString(), Does.Not.Contain(wrong).And.Not.Contain(AppPassword));
    }

    [Test]
    public void Ingest_NoConnectionString_Exits78NamingTheSetting()
    {
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, BatchFiles.Messages(1));

        var result = RegistryIngestCli.Run(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("out")]);

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardError, Does.StartWith("Configuration error: ConnectionStrings:Registry is not set."));
        Assert.That(Directory.Exists(registry.Work.Combine("out")), Is.False, "nothing was run");
    }

    [Test]
    public async Task Migrate_TwiceOnAFreshDatabase_AppliesThenSaysUpToDate()
    {
        await using var fresh = await TestDatabase.CreateAsync();
        var owner = new Dictionary<string, string> { ["ConnectionStrings__RegistryOwner"] = fresh.OwnerConnectionString };

        var first = RegistryIngestCli.Run(registry.Work.Path, ["migrate"], owner);
        var second = RegistryIngestCli.Run(registry.Work.Path, ["migrate"], owner);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.OutputLines, Is.EqualTo(new[] { "Applied 14 migration(s): 0001_registry_schema, 0002_drop_folder_state, 0003_bulk_rows_without_row_checks, 0004_content_hash, 0005_lighter_bulk_writes, 0006_processed_size_index, 0007_next_of_kin_any_case, 0008_order_number_per_patient, 0009_own_writes_keep_their_digest, 0010_vaccination_created_by, 0011_vis_provenance, 0012_processed_name_index, 0013_answered_name_index, 0014_empty_files_never_duplicates." }));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.OutputLines, Is.EqualTo(new[] { "The schema is up to date; nothing to apply." }));
        Assert.That(first.ToString() + second, Does.Not.Contain(new NpgsqlConnectionStringBuilder(owner["ConnectionStrings__RegistryOwner"]).Password!));
    }

    [Test]
    public void Migrate_DatabaseUnreachable_Exits69()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(registry.Database.OwnerConnectionString) { Port = FreePort(), Timeout = 5 }.ConnectionString;

        var result = RegistryIngestCli.Run(registry.Work.Path, ["migrate"], new Dictionary<string, string> { ["ConnectionStrings__RegistryOwner"] = unreachable });

        Assert.That(result.ExitCode, Is.EqualTo(69), result.ToString());
        Assert.That(result.StandardError, Does.StartWith("Migration failed:"));
        Assert.That(result.ToString(), Does.Not.Contain(new NpgsqlConnectionStringBuilder(unreachable).Password!));
    }

    private Dictionary<string, string> Connection() => new() { ["ConnectionStrings__Registry"] = registry.Database.AppConnectionString };

    /// <summary>A loopback port nothing listens on: taken from the system, then released.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

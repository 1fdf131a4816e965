using Registry.Ingest.Storage;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Cli;

/// <summary><c>Database:MigrateOnStart</c>: the worker brings an empty database up to date before its first poll.</summary>
[TestFixture]
internal sealed class MigrateOnStartTests
{
    [Test]
    public async Task Once_MigrateOnStartOnAnEmptyDatabase_AppliesTheSchemaThenHandlesTheFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var work = TempFolder.ForCaller();
        var folder = work.Combine("ICARE HL7 EXCHANGE");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Path("sample-files/HL7_DCS0067_20240131.txt"), Path.Combine(folder, "HL7_DCS0067_20240131.txt"));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = database.AppConnectionString,
            ["ConnectionStrings__RegistryOwner"] = database.OwnerConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["DropFolder__Path"] = folder,
            ["Polling__StableFor"] = "00:00:00",
            ["Worker__WorkDirectory"] = work.Combine("work"),
            ["Serilog__WriteTo__File__Args__path"] = work.Combine("logs/worker-.log"),
        };

        var result = RegistryIngestCli.Run(work.Path, ["once"], environment);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Sql.Scalar<long>(database.OwnerConnectionString, "SELECT count(*) FROM registry.schema_migration"), Is.EqualTo(Migration.Shipped().Count).And.GreaterThanOrEqualTo(4));
        Assert.That(File.Exists(Path.Combine(folder, "HL7_DCS0067_20240131.ack.txt")), Is.True, "the file was handled after the migrations");
        Assert.That(Sql.Scalar<long>(database.OwnerConnectionString, "SELECT count(*) FROM registry.submission_file WHERE status = 'processed'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Once_MigrateOnStartWithoutAReachableOwner_Exits69AndPollsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var work = TempFolder.ForCaller();
        var folder = work.Combine("drop");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Path("sample-files/HL7_DCS0067_20240131.txt"), Path.Combine(folder, "HL7_DCS0067_20240131.txt"));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = database.AppConnectionString,
            ["ConnectionStrings__RegistryOwner"] = "Host=127.0.0.1;Port=1;Database=registry;Username=registry_owner;Password=x;Timeout=3",
            ["Database__MigrateOnStart"] = "true",
            ["DropFolder__Path"] = folder,
            ["Polling__StableFor"] = "00:00:00",
            ["Worker__WorkDirectory"] = work.Combine("work"),
            ["Serilog__WriteTo__File__Args__path"] = work.Combine("logs/worker-.log"),
        };

        var result = RegistryIngestCli.Run(work.Path, ["once"], environment);

        Assert.That(result.ExitCode, Is.EqualTo(69), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain("Migrations at start failed"));
        Assert.That(File.Exists(Path.Combine(folder, "HL7_DCS0067_20240131.txt")), Is.True, "the file is left for later");
    }
}

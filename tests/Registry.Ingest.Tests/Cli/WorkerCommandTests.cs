using System.Text.RegularExpressions;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Cli;

/// <summary>The real program's <c>once</c> and <c>check</c> verbs, as cron or an operator runs them.</summary>
internal sealed partial class WorkerCommandTests
{
    private PollerHarness h = null!;

    [SetUp]
    public async Task Start() => h = await PollerHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await h.DisposeAsync();

    [Test]
    public void Once_SampleFiles_HandlesEveryFileExits0AndLogsNoPatientData()
    {
        var samples = Directory.GetFiles(RepositoryFiles.Path("sample-files"), "*.txt");
        foreach (var sample in samples)
        {
            File.Copy(sample, Path.Combine(h.FolderPath, Path.GetFileName(sample)));
        }

        var log = h.Storage.Work.Combine("logs/worker.log");

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment(("Serilog__WriteTo__File__Args__path", log), ("Serilog__WriteTo__File__Args__rollingInterval", "Infinite")));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(h.Files("processed").Count + h.Files("rejected").Count, Is.EqualTo(samples.Length));
        var text = File.ReadAllText(log);
        Assert.That(text, Does.Contain("Took HL7_DCS0067_20240131.txt"), "the file log is written");
        var leaked = PatientValues(samples).Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(leaked, Is.Empty, "patient values from PID segments found in the log");
    }

    /// <summary>JSON lines from the environment alone: the formatter wins over the shipped outputTemplate, which no variable can remove.</summary>
    [Test]
    public void Once_FileSinkFormatterFromTheEnvironment_WritesJsonLines()
    {
        File.Copy(RepositoryFiles.Path("sample-files/HL7_DCS0067_20240131.txt"), Path.Combine(h.FolderPath, "HL7_DCS0067_20240131.txt"));
        var log = h.Storage.Work.Combine("logs/worker.json");

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment(
            ("Serilog__WriteTo__File__Args__path", log),
            ("Serilog__WriteTo__File__Args__rollingInterval", "Infinite"),
            ("Serilog__WriteTo__File__Args__formatter", "Serilog.Formatting.Json.JsonFormatter, Serilog")));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lines = File.ReadAllLines(log);
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("MessageTemplate").GetString()), Has.Some.StartsWith("Took {FileName}"));
    }

    [Test]
    public void Once_FileNotYetStable_Exits0SayingItIsLeftForALaterPoll()
    {
        File.Copy(RepositoryFiles.Path("sample-files", "HL7_DCS0067_20240131.txt"), Path.Combine(h.FolderPath, "HL7_DCS0067_20240131.txt"));

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment(("Polling__StableFor", "01:00:00")));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("1 file(s) left for a later poll").And.Contain("Polling:StableFor (01:00:00"));
        Assert.That(h.Files(), Is.EqualTo(new[] { "HL7_DCS0067_20240131.txt" }), "not taken");
    }

    [Test]
    public void Once_AnotherWorkerPolling_Exits75SayingNothingWasDone()
    {
        File.Copy(RepositoryFiles.Path("sample-files", "HL7_DCS0067_20240131.txt"), Path.Combine(h.FolderPath, "HL7_DCS0067_20240131.txt"));
        using var other = new Npgsql.NpgsqlConnection(h.Storage.Database.AppConnectionString);
        other.Open();
        using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(1380533318, 0)", other)) // the folder claim's key ("RIDF", 0)
        {
            take.ExecuteNonQuery();
        }

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(75), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("Nothing done: another worker of this registry database is polling"));
        Assert.That(h.Files(), Is.EqualTo(new[] { "HL7_DCS0067_20240131.txt" }), "not taken");
    }

    [Test]
    public void Check_DropFolderKindUnknown_FailsTheConfigurationListingTheKinds()
    {
        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["check"], Environment(("DropFolder__Kind", "Ftp")));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("FAIL  Configuration: DropFolder:Kind: 'Ftp' is not one of Local, Sftp."));
        Assert.That(result.StandardOutput, Does.Not.Contain("OK    Configuration"));
    }

    [Test]
    public void Check_PasswordFileThatCannotBeRead_FailsNamingTheSettingInsteadOfCrashing()
    {
        var notAFile = h.Storage.Work.Combine("secrets");
        Directory.CreateDirectory(notAFile);

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["check"], Environment(("Database__PasswordFile", notAFile), ("ConnectionStrings__Registry", "Host=127.0.0.1;Username=registry_app;Database=registry")));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"FAIL  Database reachable: Database:PasswordFile: the password file '{notAFile}' for ConnectionStrings:Registry cannot be read"));
        Assert.That(result.StandardError, Does.Not.Contain("Unhandled exception"));
    }

    /// <summary>A configuration file with no Serilog section must not make a silent service: its start-up errors included.</summary>
    [Test]
    public void Once_ConfigFileWithoutSerilogSection_StillLogsToTheConsole()
    {
        var config = h.Storage.Work.Combine("minimal.json");
        File.WriteAllText(config, "{}");

        var environment = Environment(("Polling__MaxFilesPerPoll", "0"));
        environment.Remove("Serilog__WriteTo__File__Args__path");

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once", "--config", config], environment);

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain("Polling:MaxFilesPerPoll"));
    }

    /// <summary>The SFTP settings are read as the worker reads them before check says the configuration is well.</summary>
    [Test]
    public void Check_SftpKeyAndPasswordBothSet_FailsTheConfigurationItself()
    {
        var secret = h.Storage.Work.Combine("sftp.password");
        File.WriteAllText(secret, "pw");

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["check"], Environment(
            ("DropFolder__Kind", "Sftp"), ("DropFolder__Sftp__Host", "127.0.0.1"), ("DropFolder__Sftp__UserName", "clinic"),
            ("DropFolder__Sftp__PasswordFile", secret), ("DropFolder__Sftp__PrivateKeyPath", secret), ("DropFolder__Sftp__HostKeySha256", "SHA256:x")));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("FAIL  Configuration: DropFolder:Sftp:PrivateKeyPath and a password are both set"));
        Assert.That(result.StandardOutput, Does.Not.Contain("OK    Configuration"));
    }

    [Test]
    public void Check_DropFolderMissing_Exits1AndSaysWhatToFix()
    {
        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["check"], Environment(("DropFolder__Path", h.Storage.Work.Combine("no such folder"))));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("OK    Database reachable").And.Contain("OK    Database schema up to date"));
        Assert.That(result.StandardOutput, Does.Contain("FAIL  Drop folder exists").And.Contain("fix: Create the folder"));
    }

    [TestCase("Polling__MaxFilesPerPoll", "0", "Polling:MaxFilesPerPoll")]
    [TestCase("Polling__ProcessedFolder", "archive/processed", "Polling:ProcessedFolder")]
    [TestCase("Polling__RejectedFolder", "..", "Polling:RejectedFolder")]
    [TestCase("Polling__RejectedFolder", "Processed", "Polling:RejectedFolder: must differ from Polling:ProcessedFolder")]
    [TestCase("Polling__RejectedFolder", "processed. ", "Polling:RejectedFolder: must differ from Polling:ProcessedFolder")]
    [TestCase("DropFolder__Kind", "Ftp", "DropFolder:Kind: 'Ftp' is not one of Local, Sftp.")]
    [TestCase("Polling__OriginalsAfterProcessing", "Keep", "Polling:OriginalsAfterProcessing: 'Keep' is not one of Move, Delete.")]
    [TestCase("Polling__Interval", "30", "Polling:Interval: '30' has no colon, so it reads as 30 day(s); write a time span as hh:mm:ss")]
    [TestCase("Polling__MaxFilesPerPoll", "ten", "Polling:MaxFilesPerPoll: 'ten' is not a whole number.")]
    [TestCase("Database__CommandTimeoutSeconds", "-1", "Database:CommandTimeoutSeconds")]
    [TestCase("Database__AppRole", "", "Database:AppRole")]
    [TestCase("Polling__Cron", "0 0 0 31 2 ?", "Polling:Cron: '0 0 0 31 2 ?' never fires")]
    [TestCase("Serilog__WriteTo__File__Args__rollingInterval", "Weekly", "Serilog:WriteTo:File:Args:rollingInterval: 'Weekly' is not one of Infinite, Year, Month, Day, Hour, Minute.")]
    [TestCase("Polling__Intervall", "00:00:10", "Polling: there is no setting 'Intervall' in it; it has Interval, Cron")]
    [TestCase("DropFolder__Sftp__Hots", "x", "DropFolder:Sftp: there is no setting 'Hots' in it; it has Host, Port")]
    [TestCase("Validation__Clinics__DCS0067", "DCS0067", "Validation:Clinics:DCS0067: 'DCS0067' is one value, but this setting is a list: write [\"DCS0067\"] in the JSON file, or Validation__Clinics__DCS0067__0=DCS0067")]
    public void Once_BadSetting_Exits78NamingTheKey(string variable, string value, string key)
    {
        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment((variable, value)));

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain(key));
    }

    private Dictionary<string, string> Environment(params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = h.Storage.Database.AppConnectionString,
            ["DropFolder__Path"] = h.FolderPath,
            ["Polling__StableFor"] = "00:00:00",
            ["Polling__UnterminatedStableFor"] = "00:00:00",
            ["Worker__WorkDirectory"] = h.Storage.Work.Combine("work"),
            ["Serilog__WriteTo__File__Args__path"] = h.Storage.Work.Combine("logs/worker-.log"),
        };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Identifiers (PID-3.1), names (PID-5.1, 5.2), birth dates (PID-7) and streets (PID-11.1) of every PID in the files.</summary>
    private static HashSet<string> PatientValues(IEnumerable<string> files)
    {
        var fileNames = files.Select(Path.GetFileName).ToList();
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            foreach (var line in LineBreak().Split(File.ReadAllText(file, System.Text.Encoding.Latin1)).Where(l => l.StartsWith("PID|", StringComparison.Ordinal)))
            {
                var fields = line.Split('|');
                string Field(int n) => n < fields.Length ? fields[n] : string.Empty;
                string Component(int n, int c) => Field(n).Split('~')[0].Split('^') is var parts && c <= parts.Length ? parts[c - 1] : string.Empty;
                values.UnionWith([Component(3, 1), Component(5, 1), Component(5, 2), Field(7).Split('^')[0], Component(11, 1)]);
            }
        }

        // Too short to be evidence, or part of a file name (which the log may name).
        values.RemoveWhere(v => v.Trim().Length < 4 || v.Trim() == "\"\"" || fileNames.Any(n => n!.Contains(v, StringComparison.OrdinalIgnoreCase)));
        Assert.That(values, Has.Count.GreaterThan(10), "the samples hold patient data to look for");
        return values;
    }

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex LineBreak();
}

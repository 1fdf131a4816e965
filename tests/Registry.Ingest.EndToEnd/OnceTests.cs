using Registry.Ingest.EndToEnd.Support;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary><c>registry-ingest once</c> over the sample files in a local drop folder: what a clinic sees come back, and what the registry keeps.</summary>
[TestFixture]
internal sealed class OnceTests
{
    private static readonly string[] Processed =
        ["HL7_DCS0067_20240131.txt", "HL7_DCS0067_20240201_093000.txt", "HL7_MESSY-EHR_20240402_235959.txt", "HL7_NDIIS-EXAMPLES_20141027.txt", "HL7_NORTHCLINIC_20240315.txt"];

    private static readonly string[] NotProcessed =
        ["HL7_BINARYCLINIC_20240101.txt", "HL7_CSVCLINIC_20240101.txt", "HL7_EMPTYCLINIC_20240101.txt", "hl7_dcs0067_2024-01-31.txt"];

    private WorkerSite site = null!;

    [SetUp]
    public async Task Start() => site = await WorkerSite.CreateAsync(TestContext.CurrentContext.Test.MethodName!);

    [TearDown]
    public async Task Stop() => await site.DisposeAsync();

    [Test]
    public void Once_SampleFiles_EachGetsOneAckAndReportOriginalsMovedAndRowsStored()
    {
        foreach (var name in Processed.Concat(NotProcessed))
        {
            site.DropSample(name);
        }

        var run = site.Once();

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var expected = Processed.SelectMany(n => new[] { Base(n) + ".ack.txt", Base(n) + ".report.txt" })
            .Concat(NotProcessed.Select(n => Base(n) + ".report.txt"))
            .Order(StringComparer.Ordinal);
        Assert.That(site.Files(), Is.EqualTo(expected), "one ACK per processed file, one report per file, nothing else (no original, no temporary file)");
        Assert.That(site.Files("processed"), Is.EqualTo(Processed.Order(StringComparer.Ordinal)));
        Assert.That(site.Files("rejected"), Is.EqualTo(NotProcessed.Order(StringComparer.Ordinal)));
        foreach (var name in Processed)
        {
            Assert.That(File.ReadAllBytes(site.PathOf(name, "processed")), Is.EqualTo(File.ReadAllBytes(RepositoryFiles.Path("sample-files", name))), $"{name} moved unchanged");
            Assert.That(File.ReadAllText(site.PathOf(Base(name) + ".report.txt")), Does.Contain("Outcome:  PROCESSED."), name);
        }

        foreach (var name in NotProcessed)
        {
            Assert.That(File.ReadAllText(site.PathOf(Base(name) + ".report.txt")), Does.Contain("Outcome:  NOT PROCESSED"), name);
        }

        int acknowledged = Processed.Sum(n => AckFile.MsaSegments(site.PathOf(Base(n) + ".ack.txt")).Count);
        Assert.That(site.Database.Scalar<long>("SELECT sum(messages_read) FROM registry.submission_file"), Is.EqualTo(acknowledged), "every acknowledged message was read into the database");
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.message"), Is.Positive);
        foreach (var name in Processed)
        {
            Assert.That(
                site.Database.Scalar<string>("SELECT ack_text FROM registry.submission_file WHERE file_name = @name", new { name }),
                Is.EqualTo(File.ReadAllText(site.PathOf(Base(name) + ".ack.txt"))),
                $"the ACK of {name} is the one the database recorded");
        }

        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.patient"), Is.Positive);
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.vaccination"), Is.Positive);
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.submission_file WHERE status = 'processed'"), Is.EqualTo(Processed.Length));
        Assert.That(
            site.Database.Scalar<long>("SELECT count(*) FROM registry.drop_file WHERE step = 'done'"),
            Is.EqualTo(Processed.Length + NotProcessed.Length));
    }

    [Test]
    public void Once_RunAgainAfterEverythingWasTaken_ChangesNothing()
    {
        foreach (var name in Processed.Concat(NotProcessed))
        {
            site.DropSample(name);
        }

        Assert.That(site.Once().ExitCode, Is.Zero);
        var folder = site.Snapshot();
        var rows = site.Database.RowCounts();
        long dropRows = site.Database.Scalar<long>("SELECT count(*) FROM registry.drop_file");

        var again = site.Once();

        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(site.Snapshot(), Is.EqualTo(folder), "no new, changed or moved file");
        Assert.That(site.Database.RowCounts(), Is.EqualTo(rows));
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.drop_file"), Is.EqualTo(dropRows));
    }

    [Test]
    public void Once_BadNamesOverSeveralPolls_ReportedAndRejectedOnlyOnce()
    {
        const string wrongDate = "hl7_dcs0067_2024-01-31.txt";
        const string wrongExtension = "HL7_DCS0067_20240131.hl7";
        site.DropSample(wrongDate);
        site.Drop(wrongExtension, File.ReadAllBytes(RepositoryFiles.Path("sample-files", "HL7_DCS0067_20240131.txt")));

        var first = site.Once();
        var folder = site.Snapshot();
        var second = site.Once();
        var third = site.Once();

        Assert.That(new[] { first.ExitCode, second.ExitCode, third.ExitCode }, Is.All.Zero, $"{first}\n{second}\n{third}");
        // A name not ending in .txt gets a report named after it with a hash (SafeBaseName): one each, no ACK.
        Assert.That(site.Files(), Has.Count.EqualTo(2));
        Assert.That(site.Files(), Has.All.EndsWith(".report.txt"));
        Assert.That(site.Files(), Has.Member("hl7_dcs0067_2024-01-31.report.txt"));
        Assert.That(site.Files(), Has.Some.StartsWith("HL7_DCS0067_20240131"));
        Assert.That(site.Files("rejected"), Is.EqualTo(new[] { wrongExtension, wrongDate }));
        Assert.That(site.Snapshot(), Is.EqualTo(folder), "later polls neither rewrite the reports nor move anything");
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.message"), Is.Zero, "nothing of a badly named file is stored");
        var reported = site.LogEvents().Where(e => e.MessageTemplate.Contains("not processed", StringComparison.Ordinal)).ToList();
        Assert.That(reported.Select(e => e.Property("FileName")), Is.EquivalentTo(new[] { wrongDate, wrongExtension }), "each bad name is logged once, by the first poll");
        Assert.That(site.LogEvents().Count(e => e.MessageTemplate.StartsWith("Moved", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    private static string Base(string name) => name[..name.LastIndexOf('.')];
}

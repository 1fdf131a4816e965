using Registry.Ingest.EndToEnd.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary>
/// <c>registry-ingest run</c> while the database is down, then back: the outage is logged once when
/// it starts and once when it ends (not on every poll), files wait in place, and are processed once
/// the database is back.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class OutageTests
{
    private static readonly string[] Samples = ["HL7_DCS0067_20240131.txt", "HL7_NORTHCLINIC_20240315.txt"];

    [Test]
    public async Task Run_DatabaseDownThenBack_LogsOutageOnceLeavesFilesThenProcessesThem()
    {
        await using var site = await WorkerSite.CreateAsync();
        foreach (var name in Samples)
        {
            site.DropSample(name);
        }

        var server = site.Database.Server;
        PrivateCluster.Stop(server);
        try
        {
            using var worker = site.Start("run");
            // Each failed poll after the first logs at Debug only; three of them prove polls went on.
            Eventually.Until(() => Outage(site, "{Resource} still unavailable: {Error}").Count >= 3, "three polls found the database down", worker: worker);

            Assert.That(Outage(site, "unavailable: {Error}. Files wait"), Has.Count.EqualTo(1), "the outage is logged once, when it starts");
            Assert.That(Outage(site, "unavailable: {Error}. Files wait")[0].Level, Is.EqualTo("Error"));
            Assert.That(site.Files(), Is.EqualTo(Samples), "files wait in the drop folder, with no output");

            PrivateCluster.Start(server);
            Eventually.Until(() => site.Files("processed").Count == Samples.Length, "both files are processed", worker: worker);
            Eventually.Until(() => Outage(site, "{Resource} available again after {Duration}").Count > 0, "the end of the outage is logged", worker: worker);
            worker.Terminate();
            var stopped = worker.WaitForExit(TimeSpan.FromSeconds(35));

            Assert.That(stopped.ExitCode, Is.Zero, stopped.ToString());
            Assert.That(Outage(site, "unavailable: {Error}. Files wait"), Has.Count.EqualTo(1), "still once");
            Assert.That(Outage(site, "{Resource} available again after {Duration}"), Has.Count.EqualTo(1), "the end is logged once");
            Assert.That(
                site.Files(),
                Is.EqualTo(new[] { "HL7_DCS0067_20240131.ack.txt", "HL7_DCS0067_20240131.report.txt", "HL7_NORTHCLINIC_20240315.ack.txt", "HL7_NORTHCLINIC_20240315.report.txt" }));
            Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.submission_file WHERE status = 'processed'"), Is.EqualTo(Samples.Length));
        }
        finally
        {
            // The other tests share the cluster: it must be up whatever happened here.
            PrivateCluster.Start(server);
        }
    }

    private static List<LogEvent> Outage(WorkerSite site, string template) =>
        site.LogEvents().Where(e => e.MessageTemplate.Contains(template, StringComparison.Ordinal) && e.Property("Resource") == "Database").ToList();
}

using System.Security.Cryptography;
using Registry.Ingest.EndToEnd.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary>A file still being uploaded while <c>run</c> polls: it is taken only once it stopped changing for Polling:StableFor.</summary>
[TestFixture]
internal sealed class StabilityTests
{
    private const string FileName = "HL7_SLOWCLINIC_20240601.txt";
    private const int Messages = 30;
    private static readonly TimeSpan StableFor = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Run_FileGrowingBetweenPolls_TakenOnlyAfterItStoppedChangingWithAnAckForEveryMessage()
    {
        await using var site = await WorkerSite.CreateAsync();
        byte[] whole = GeneratedBatch.Generate(Messages);
        var pieces = GeneratedBatch.SplitAtMessages(whole, 3);
        var path = site.PathOf(FileName);
        File.WriteAllBytes(path, pieces[0]);
        long written = pieces[0].Length;
        DateTimeOffset lastAppend;

        using (var worker = site.Start("run", new Dictionary<string, string> { ["Polling__StableFor"] = StableFor.ToString("c") }))
        {
            foreach (var piece in pieces.Skip(1))
            {
                // Append only once the worker has seen the file at its current size, so every size is observed.
                long size = written;
                Eventually.Until(() => SeenSize(site) == size, $"the worker sees {FileName} at {size} bytes", worker: worker);
                using (var file = new FileStream(path, FileMode.Append, FileAccess.Write))
                {
                    file.Write(piece);
                }

                written += piece.Length;
            }

            lastAppend = DateTimeOffset.UtcNow;
            Eventually.Until(() => site.Files("processed").Contains(FileName), $"{FileName} is processed", worker: worker);
            worker.Terminate();
            Assert.That(worker.WaitForExit(TimeSpan.FromSeconds(35)).ExitCode, Is.Zero);
        }

        var taken = site.LogEvents().Where(e => e.MessageTemplate.StartsWith("Took {FileName}", StringComparison.Ordinal)).ToList();
        Assert.That(taken, Has.Count.EqualTo(1), "taken once");
        Assert.That(taken[0].Property("Size"), Is.EqualTo(whole.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), "taken whole");
        Assert.That(taken[0].Timestamp, Is.GreaterThanOrEqualTo(lastAppend + StableFor - TimeSpan.FromMilliseconds(200)), "not before it had been unchanged for StableFor");
        Assert.That(taken[0].Property("Sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(whole))));
        Assert.That(AckFile.MsaSegments(site.PathOf("HL7_SLOWCLINIC_20240601.ack.txt")), Has.Count.EqualTo(Messages), "the ACK covers every message");
        Assert.That(site.Database.Scalar<long>("SELECT count(*) FROM registry.submission_file"), Is.EqualTo(1), "no partial file was ever stored");
    }

    private static long? SeenSize(WorkerSite site) =>
        site.Database.Scalar<long?>("SELECT size_bytes FROM registry.drop_file WHERE name = @FileName", new { FileName });
}

using System.Security.Cryptography;
using System.Text;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A file read in one pass (the worker reads a file while it downloads) is inspected and
/// fingerprinted as it is read, not before: the outcome must still be the one a first pass gives,
/// for a normal file, a repeat of a processed file, a file that turns out not to be text, and a
/// badly named one.
/// </summary>
[TestFixture]
internal sealed class OnePassIngestTests
{
    private const string FileName = "HL7_CLINIC01_20240515.txt";
    private static readonly byte[] File = BatchFiles.Bytes(VariedBatch.Messages(300));

    [Test]
    public async Task Ingest_InOnePass_StoresAndAnswersWhatAFirstPassDoes()
    {
        await using var firstPass = await StorageHarness.StartAsync();
        await using var onePass = await StorageHarness.StartAsync();
        onePass.OnePass = true;
        var expectedRun = firstPass.Ingest(File, FileName);

        var run = onePass.Ingest(File, FileName);

        RegistrySnapshot.AssertSame(firstPass.Database, onePass.Database);
        Assert.That(run.AckWithoutControlIds, Is.EqualTo(expectedRun.AckWithoutControlIds));
        Assert.That(run.Report, Is.EqualTo(expectedRun.Report));
        Assert.That(onePass.Query<string>("SELECT status || ' ' || sha256 || ' ' || size_bytes FROM registry.submission_file"),
            Is.EqualTo(new[] { $"processed {Sha256(File)} {File.Length}" }), "the fingerprint taken at the end is recorded");
    }

    [Test]
    public async Task Ingest_RepeatOfAProcessedFileReadInOnePass_IsADuplicateAndStoresNothingAgain()
    {
        await using var registry = await StorageHarness.StartAsync();
        var original = registry.Ingest(File, FileName);
        var counts = registry.Counts();
        registry.OnePass = true;

        var repeat = registry.Ingest(File, "HL7_CLINIC01_20240516.txt");

        Assert.That(repeat.Outcome.DuplicateOf, Is.EqualTo(FileName));
        Assert.That(repeat.AckBytes, Is.EqualTo(original.AckBytes), "the original ACK, repeated");
        Assert.That(repeat.Report, Does.Contain(FileName));
        var after = registry.Counts();
        after["submission_file"]--;
        Assert.That(after, Is.EqualTo(counts), "one more submission_file row (the duplicate), nothing else");
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { "processed", "duplicate" }));
    }

    [Test]
    public async Task Ingest_FileFoundNotToBeTextAfterItsMessages_IsTurnedAwayWholeAndLeavesNoData()
    {
        await using var registry = await StorageHarness.StartAsync();
        registry.OnePass = true;
        byte[] file = [.. File, .. Encoding.ASCII.GetBytes("PK"), 0, 0, 3, 4];

        var run = registry.Ingest(file, FileName);

        Assert.That(run.Outcome.NotProcessedReason, Does.Contain("not a text file"));
        Assert.That(run.Outcome.AckPath, Is.Null);
        Assert.That(Directory.GetFiles(run.OutputDirectory).Select(Path.GetFileName), Is.EqualTo(new[] { "HL7_CLINIC01_20240515.report.txt" }), "no ACK, no temporary file left");
        Assert.That(registry.Count("message") + registry.Count("patient") + registry.Count("vaccination"), Is.Zero, "what was read is rolled back");
        Assert.That(registry.Query<string>("SELECT status || ' ' || sha256 || ' ' || size_bytes FROM registry.submission_file"),
            Is.EqualTo(new[] { $"rejected {Sha256(file)} {file.Length}" }));
    }

    /// <summary>NUL bytes a file ends with (a transfer tool's padding) are ignored, read in one pass or two: the messages are stored as without them, and the report says so.</summary>
    [Test]
    public async Task Ingest_FileEndingInNulPadding_IsStoredAsWithoutItInOnePassAndTwo()
    {
        await using var plain = await StorageHarness.StartAsync();
        await using var firstPass = await StorageHarness.StartAsync();
        await using var onePass = await StorageHarness.StartAsync();
        onePass.OnePass = true;
        byte[] padded = [.. File, .. new byte[4096], (byte)'\r', (byte)'\n', 0, 0];
        plain.Ingest(File, FileName);

        var runs = new[] { firstPass.Ingest(padded, FileName), onePass.Ingest(padded, FileName) };

        RegistrySnapshot.AssertSame(plain.Database, firstPass.Database, "submission_file");
        RegistrySnapshot.AssertSame(plain.Database, onePass.Database, "submission_file");
        Assert.That(runs.Select(r => r.Outcome.Processed), Is.EqualTo(new[] { true, true }));
        Assert.That(runs.Select(r => r.Report), Has.All.Contains("ends with NUL bytes"));
    }

    /// <summary>A batch envelope with no message is a sender's "nothing today": processed, with an ACK batch of none, in one pass or two.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task Ingest_BatchEnvelopeWithoutMessages_IsProcessedWithAnEmptyAckBatch(bool onePass)
    {
        await using var registry = await StorageHarness.StartAsync();
        registry.OnePass = onePass;
        byte[] file = Encoding.ASCII.GetBytes("FHS|^~\\&|MYEHR|CLINIC01|ICARE|IDPH|20240515||HL7_CLINIC01_20240515.txt||F1\r\nBHS|^~\\&|MYEHR|CLINIC01|ICARE|IDPH|20240515||||B1\r\nBTS|0\r\nFTS|1\r\n");

        var run = registry.Ingest(file, FileName);

        Assert.That(run.Outcome.Processed, Is.True);
        Assert.That(run.ParsedAck.Codes, Is.Empty);
        Assert.That(System.IO.File.ReadAllText(run.Outcome.AckPath!).Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(s => s[..3]), Is.EqualTo(new[] { "FHS", "BHS", "BTS", "FTS" }));
        Assert.That(System.IO.File.ReadAllText(run.Outcome.AckPath!), Does.Contain("BTS|0"));
        Assert.That(run.Report, Does.Contain("no message: nothing to store").And.Contain("Messages: none in this file."));
        Assert.That(registry.Query<string>("SELECT status || ' ' || messages_read FROM registry.submission_file"), Is.EqualTo(new[] { "processed 0" }));
    }

    [TestCase(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0 }, "not a text file")]
    [TestCase(new byte[] { (byte)'i', (byte)'d', (byte)',', (byte)'c', (byte)'v', (byte)'x', (byte)'\n' }, "no HL7 message")]
    [TestCase(new byte[] { (byte)' ', (byte)'\r', (byte)'\n' }, "empty")]
    public async Task Ingest_FileWithNoMessagesReadInOnePass_GetsTheFirstPassOutcome(byte[] content, string reason)
    {
        await using var registry = await StorageHarness.StartAsync();
        registry.OnePass = true;

        var run = registry.Ingest(content, FileName);

        Assert.That(run.Outcome.NotProcessedReason, Does.Contain(reason));
        Assert.That(registry.Query<string>("SELECT status || ' ' || sha256 FROM registry.submission_file"), Is.EqualTo(new[] { $"rejected {Sha256(content)}" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Ingest_BadlyNamedFileReadInOnePass_IsRecordedWithItsFingerprint(bool binary)
    {
        await using var registry = await StorageHarness.StartAsync();
        registry.OnePass = true;
        byte[] file = binary ? [0x50, 0x4B, 0x03, 0x04, 0, 0, .. File] : File;

        var run = registry.Ingest(file, "vaccinations.txt");

        Assert.That(run.Outcome.NotProcessedReason, Does.Contain("name"), "the name is checked first, as with a first pass");
        Assert.That(registry.Query<string>("SELECT status || ' ' || sha256 || ' ' || size_bytes FROM registry.submission_file"),
            Is.EqualTo(new[] { $"rejected {Sha256(file)} {file.Length}" }));
        Assert.That(registry.Count("message"), Is.Zero);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Re-sending never duplicates anything. The same messages in a new file update what they stored
/// (only the message log grows); a file with exactly the bytes of a processed file is not stored
/// again: it is recorded as a duplicate, its ACK repeats the original's, its report names the original.
/// </summary>
[TestFixture]
internal sealed class ResendStorageTests
{
    private const string Original = "HL7_CLINIC01_20240515.txt";
    private const string Resent = "HL7_CLINIC01_20240516.txt";
    private static readonly FixedTimeProvider NextDay = new(FixedTimeProvider.Default.GetUtcNow().AddDays(1));

    /// <summary>Three patients, four vaccinations (one without ORC-3), one next of kin each, and one rejected message.</summary>
    private static readonly string File = BatchFiles.Messages(4, (m, i) => i switch
    {
        0 => m,
        1 => SampleVxu.TwoVaccinations251().With("MSH-10", "MSG2").With("PID-3", "PAT2^^^CLINIC01^MR").With("ORC[1]-3", "VAX-21^MYEHR").With("ORC[2]-3", "VAX-22^MYEHR"),
        2 => m.With("PID-3", "PAT3^^^CLINIC01^MR").With("ORC-3", string.Empty),
        _ => m.With("PID-3", "PAT4^^^CLINIC01^MR").With("PID-7", string.Empty),
    });

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public void Ingest_OtherBytesUnderAProcessedFilesName_ReportSaysItsRecordsStayAndHowToCorrect()
    {
        // A clinic that "corrects" a file by uploading it again under its name expects a
        // replacement; what the first stored stays, and the report must say so.
        var first = registry.Ingest(File, Original);
        var corrected = registry.Ingest(File.Replace("|MSG", "|FIXED-MSG", StringComparison.Ordinal), Original, NextDay);
        var other = registry.Ingest(File.Replace("|MSG", "|OTHER-MSG", StringComparison.Ordinal), Resent, NextDay);

        Assert.That(first.Report, Does.Not.Contain("[file-name-received-before]"));
        Assert.That(other.Report, Does.Not.Contain("[file-name-received-before]"));
        Assert.That(corrected.Report, Does.Contain(
            $"  INFO A file of this name was processed before (received {FixedTimeProvider.Default.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC). What it stored stays stored").And
            .Contains("to remove one, send it with RXA-21 D."));
        Assert.That(corrected.Outcome.ExitCode, Is.EqualTo(first.Outcome.ExitCode), "a note, not a reason to reject");
    }

    [Test]
    public void Ingest_SameMessagesInANewFile_DuplicatesNothingButTheMessageLog()
    {
        registry.Ingest(File, Original);
        var before = registry.Counts();

        registry.Ingest(File.Replace("|MSG", "|RESENT-MSG", StringComparison.Ordinal), Resent);

        var after = registry.Counts();
        Assert.That(before["patient"], Is.EqualTo(3));
        Assert.That(before["vaccination"], Is.EqualTo(4));
        Assert.That(after, Is.EqualTo(new Dictionary<string, long>(before)
        {
            ["submission_file"] = 2,
            ["message"] = before["message"] + 4,
            ["message_issue"] = before["message_issue"] * 2,
        }));
    }

    [Test]
    public void Ingest_SameBytesAgain_IsRecordedAsDuplicateOfTheOriginalAndStoresNothing()
    {
        registry.Ingest(File, Original);
        var before = registry.Counts();

        registry.Ingest(File, Resent, NextDay);

        var (status, duplicateOf, originalId) = registry.Query<(string, long?, long)>(
            $"SELECT d.status, d.duplicate_of, o.id FROM registry.submission_file d, registry.submission_file o WHERE d.file_name = '{Resent}' AND o.file_name = '{Original}'").Single();
        Assert.That((status, duplicateOf), Is.EqualTo(("duplicate", (long?)originalId)));
        Assert.That(registry.Counts(), Is.EqualTo(new Dictionary<string, long>(before) { ["submission_file"] = 2 }));
    }

    [Test]
    public void Ingest_SameBytesAgain_RepeatsTheOriginalAckByteForByte()
    {
        var original = registry.Ingest(File, Original);

        var duplicate = registry.Ingest(File, Resent, NextDay);

        Assert.That(duplicate.AckBytes, Is.EqualTo(original.AckBytes));
        Assert.That(duplicate.Outcome.ExitCode, Is.EqualTo(original.Outcome.ExitCode));
        Assert.That(duplicate.Outcome.DuplicateOf, Is.EqualTo(Original));
    }

    [Test]
    public void Ingest_SameBytesAgain_ReportSaysDuplicateNamingTheOriginalAndWhenItWasReceived()
    {
        registry.Ingest(File, Original);

        var duplicate = registry.Ingest(File, Resent, NextDay);

        Assert.That(duplicate.Report, Does.Contain($"File:     {Resent}"));
        Assert.That(duplicate.Report, Does.Contain("Outcome:  DUPLICATE."));
        Assert.That(duplicate.Report, Does.Contain($"Original: {Original}, received 2024-06-01 12:00:00 UTC"));
        Assert.That(duplicate.Report, Does.Contain("AA 3, AE 1, AR 0"), "the original outcome");
        Assert.That(registry.Scalar<string>($"SELECT report_text FROM registry.submission_file WHERE file_name = '{Resent}'"), Is.EqualTo(duplicate.Report));
    }

    [Test]
    public void Ingest_SameBytesAThirdTime_NamesTheProcessedOriginalNotTheDuplicate()
    {
        registry.Ingest(File, Original);
        registry.Ingest(File, Resent, NextDay);

        var third = registry.Ingest(File, "HL7_CLINIC01_20240517.txt", NextDay);

        Assert.That(third.Outcome.DuplicateOf, Is.EqualTo(Original));
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { "processed", "duplicate", "duplicate" }));
    }

    [Test]
    public void Ingest_SameEmptyEnvelopeFromTwoClinics_IsProcessedForEachNeverADuplicateOfTheOther()
    {
        // "Nothing today": the same bytes from every clinic whose EHR sends it so. It stores
        // nothing, so it repeats nothing; a duplicate would answer with the other clinic's ACK.
        const string empty = "FHS|^~\\&|EHR|CLINIC\rBHS|^~\\&|EHR|CLINIC\rBTS|0\rFTS|1\r";
        var first = registry.Ingest(empty, "HL7_CLINICP_20240301.txt");

        var other = registry.Ingest(empty, "HL7_OTHERCLINIC_20240301.txt", NextDay);
        var again = registry.Ingest(empty, "HL7_CLINICP_20240302.txt", NextDay);

        Assert.That((first.Outcome.DuplicateOf, other.Outcome.DuplicateOf, again.Outcome.DuplicateOf), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(other.Report, Does.Not.Contain("CLINICP"));
        Assert.That(other.Ack, Does.Contain("|HL7_OTHERCLINIC_20240301.ack.txt|").And.Not.Contain("CLINICP"));
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { "processed", "processed", "processed" }));

        // A file with messages is still unique by content.
        registry.Ingest(File, Original);
        Assert.That(registry.Ingest(File, Resent, NextDay).Outcome.DuplicateOf, Is.EqualTo(Original));
    }

    [Test]
    public void Ingest_SameBytesAsARejectedFile_IsProcessedNotADuplicate()
    {
        registry.Ingest(File, "HL7_BAD NAME_20240515.txt");

        var run = registry.Ingest(File, Original);

        Assert.That(run.Outcome.DuplicateOf, Is.Null);
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { "rejected", "processed" }));
        Assert.That(registry.Count("patient"), Is.EqualTo(3));
    }
}

using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// Problems with the file rather than a message go to the report's "File-level notes", each with
/// the line it is on; they are warnings, never a reason to reject the file.
/// </summary>
[TestFixture]
internal sealed class FileLevelNotesTests
{
    [Test]
    public void Process_BtsCountDiffersFromMessagesRead_NotesTheBatchCountWarningOnTheBtsLine()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.InBatch(BatchFiles.Messages(2), 2, btsCount: "5");

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[] { $"  WARNING line {LineOf(text, "BTS|")}: Batch 1 declares 5 message(s) in BTS-1 but holds 2. [bts-1-count]" }));
        Assert.That(AckFileText.Parse(run.Ack!).DeclaredCount, Is.EqualTo(2), "our BTS-1 counts the ACKs written");
        Assert.That(run.Outcome.ExitCode, Is.Zero);
    }

    [Test]
    public void Process_FtsCountDiffersFromBatchesRead_NotesTheFileCountWarningOnTheFtsLine()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.InBatch(BatchFiles.Messages(2), 2, ftsCount: "3");

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[] { $"  WARNING line {LineOf(text, "FTS|")}: The file declares 3 batch(es) in FTS-1 but holds 1. [fts-1-count]" }));
        Assert.That(run.Outcome.ExitCode, Is.Zero);
    }

    [Test]
    public void Process_TwoWholeExportsJoinedInOneFile_CountsEachFtsRightAndNotesTheSecondFile()
    {
        // Each FTS-1 counts its own file's batch: 1 is right for both. The joining is the problem.
        using var output = TempFolder.ForCaller();
        var first = BatchFiles.InBatch(BatchFiles.Messages(2), 2);
        var text = first + first.Replace("|MSG", "|NEXT", StringComparison.Ordinal);

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var notes = Notes(run.Report!);
        Assert.That(notes, Has.None.Contains("[fts-1-count]"));
        Assert.That(notes, Has.Some.Contains("a second FHS file header was found"));
        Assert.That(notes, Has.None.Contains("after the FTS file trailer"), "a second file's batch is not misplaced in the first");
        Assert.That(AckFileText.Parse(run.Ack!).AckCount, Is.EqualTo(4));
    }

    [Test]
    public void Process_BatchAfterTheFileTrailer_IsNotedWhereItStarts()
    {
        using var output = TempFolder.ForCaller();
        var batch = BatchFiles.InBatch(BatchFiles.Messages(2), 2);
        int fts = batch.IndexOf("FTS|", StringComparison.Ordinal);
        var text = batch + batch[batch.IndexOf("BHS|", StringComparison.Ordinal)..fts].Replace("|MSG", "|LATE", StringComparison.Ordinal);

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Has.Some.StartsWith($"  WARNING line {LineOf(text, "BHS|", text.IndexOf("BHS|", StringComparison.Ordinal) + 1)}: a BHS starts batch 2 after the FTS file trailer"));
        Assert.That(AckFileText.Parse(run.Ack!).AckCount, Is.EqualTo(4));
    }

    [Test]
    public void Process_MessagesAfterTheBatchTrailer_AreProcessedAndNotedOnceAtTheFirst()
    {
        using var output = TempFolder.ForCaller();
        var batch = BatchFiles.InBatch(BatchFiles.Messages(2), 2);
        var extra = BatchFiles.Messages(2).Replace("|MSG", "|LATE", StringComparison.Ordinal);
        var text = batch[..batch.IndexOf("FTS|", StringComparison.Ordinal)] + extra + "FTS|1\r";

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[] { $"  WARNING line {LineOf(text, "|LATE1|")}: 2 message(s) stand outside the file's BHS…BTS batches, the first on this line; they were read and processed all the same [file-structure]" }));
        Assert.That(AckFileText.Parse(run.Ack!).AckCount, Is.EqualTo(4));
    }

    [Test]
    public void Process_BtsCountNotANumber_IsNotedAndNotCalledMissing()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.InBatch(BatchFiles.Messages(2), 2, btsCount: "two");

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[] { $"  WARNING line {LineOf(text, "BTS|")}: BTS-1 of batch 1 is not a whole number of messages, so the batch's count could not be checked (2 read) [file-structure]" }));
        Assert.That(run.Report, Does.Contain("batch 1: BTS-1 is not a count, read 2"));
    }

    [Test]
    public void Process_FtsCountNotANumber_IsNotedAndShownInTheCounts()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.InBatch(BatchFiles.Messages(2), 2, ftsCount: "x");

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[] { $"  WARNING line {LineOf(text, "FTS|")}: FTS-1 is not a whole number of batches, so the file's count could not be checked (1 batch(es) read) [file-structure]" }));
        Assert.That(run.Report, Does.Contain("batch 1: BTS-1 says 2, read 2; FTS-1 is not a count, read 1 batch(es)"));
    }

    [Test]
    public void Process_FileCutShortInsideTheLastSegment_RejectsThatMessageAndSaysToSendTheFileAgain()
    {
        using var output = TempFolder.ForCaller();
        var whole = BatchFiles.InBatch(BatchFiles.Messages(2), 2);
        var text = whole[..(whole.LastIndexOf("BTS|", StringComparison.Ordinal) - 10)]; // inside the last OBX, no trailers

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(AckFileText.Parse(run.Ack!).Codes, Is.EqualTo(new[] { "AA", "AE" }));
        var report = run.Report!.ReplaceLineEndings("\n");
        Assert.That(report, Does.Contain("  ERROR at message structure, line " + (text.Count(c => c == '\r') + 1) + " [message-cut-short]"));
        Assert.That(report, Does.Contain("it looks cut short, and its last message was not read [file-structure]\n    Fix: Send the file again, whole: the upload or the export stopped part-way."));
    }

    [Test]
    public void Process_NulPaddingAndJoinedLines_EachGetTheirOwnFix()
    {
        using var output = TempFolder.ForCaller();
        var messages = BatchFiles.Messages(2);
        var joined = messages.Remove(messages.LastIndexOf("\rMSH|", StringComparison.Ordinal), 1); // message 2 straight after message 1's last segment
        var text = joined + "\0\0";

        var report = PipelineRun.Of(BatchFiles.Bytes(text), output).Report!.ReplaceLineEndings("\n");

        Assert.That(report, Does.Contain("[file-structure]\n    Fix: End every segment with a line break, a message's last one too"));
        Assert.That(report, Does.Contain("they were ignored [file-structure]\n    Fix: Nothing to correct in the messages."));
    }

    [Test]
    public void Process_SameProblemInSeveralMessages_IsTalliedOnceAtTheTopMostWidespreadFirst()
    {
        using var output = TempFolder.ForCaller();
        // Messages 1 and 3 without a lot number; message 2 with an unknown manufacturer, twice.
        var text = BatchFiles.Messages(3, (m, i) => i == 1
            ? SampleVxu.TwoVaccinations251().With("MSH-10", "MSG2").With("RXA[1]-17", "ZZZ^Nobody^MVX").With("RXA[2]-17", "ZZZ^Nobody^MVX")
            : m.With("RXA-15", ""));

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var report = run.Report!.ReplaceLineEndings("\n");
        var block = report[report.IndexOf("Problems by rule", StringComparison.Ordinal)..report.IndexOf("File-level notes", StringComparison.Ordinal)];
        Assert.That(block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))), Is.EqualTo(new[]
        {
            "WARNING rxa-15-missing 2 messages",
            "WARNING rxa-17-unknown 1 message (2 times)",
        }));
    }

    [Test]
    public void Process_TrueCounts_NotesNothing()
    {
        using var output = TempFolder.ForCaller();

        var run = PipelineRun.Of(BatchFiles.Bytes(BatchFiles.InBatch(BatchFiles.Messages(2), 2)), output);

        Assert.That(Notes(run.Report!), Is.Empty);
        Assert.That(run.Report!.ReplaceLineEndings("\n"), Does.Contain("File-level notes\n  none\n"));
    }

    [Test]
    public void Process_LinesBeforeTheFirstMsh_NotesEachByLineWithoutItsContent()
    {
        using var output = TempFolder.ForCaller();
        var text =
            $"Dear registry, here are today's shots for {PatientMarkers.FamilyName}\r" +
            $"PID|1||{PatientMarkers.Identifier}^^^CLINIC01^MR||{PatientMarkers.FamilyName}^{PatientMarkers.GivenName}\r" +
            "\r" +
            "   \r" +
            BatchFiles.Messages(1);

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(Notes(run.Report!), Is.EqualTo(new[]
        {
            "  WARNING line 1: text before the first MSH belongs to no message and was ignored [file-structure]",
            "  WARNING line 2: a PID segment before the first MSH belongs to no message and was ignored [file-structure]",
        }));
        Assert.That(run.Report, Does.Not.Contain("Dear").And.Not.Contain(PatientMarkers.FamilyName).And.Not.Contain(PatientMarkers.Identifier));
        Assert.That(AckFileText.Parse(run.Ack!).AcknowledgedControlIds, Is.EqualTo(new[] { "MSG1" }));
        Assert.That(run.Outcome.ExitCode, Is.Zero);
    }

    /// <summary>The note lines (not their "Fix:" lines) of the report's file-level section.</summary>
    private static string[] Notes(string report) =>
        [.. report.ReplaceLineEndings("\n").Split('\n')
            .SkipWhile(l => l != "File-level notes").Skip(1)
            .TakeWhile(l => l.Length > 0)
            .Where(l => !l.StartsWith("    Fix:", StringComparison.Ordinal) && l != "  none")];

    private static int LineOf(string text, string segmentStart, int from = 0) => text[..text.IndexOf(segmentStart, from, StringComparison.Ordinal)].Count(c => c == '\r') + 1;
}

using System.Text;
using System.Text.RegularExpressions;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// The out folder only ever holds whole outputs: the ACK file and report appear by rename when
/// complete, a cancelled run leaves nothing of its own behind, a re-run replaces both.
/// </summary>
[TestFixture]
internal sealed class BatchFileProcessorOutputTests
{
    private static readonly BatchFileProcessor Processor = PipelineRun.Processor();

    [Test]
    public void Process_ValidFile_LeavesTheAckFileAndReportAndNoTemporaryFile()
    {
        using var output = TempFolder.ForCaller();
        using var input = new MemoryStream(BatchFiles.Bytes(BatchFiles.Messages(3)));

        var outcome = Processor.Process(input, PipelineRun.FileName, output.Path);

        Assert.That(FilesIn(output), Is.EqualTo(new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName }));
        Assert.That(outcome.AckPath, Is.EqualTo(output.Combine(PipelineRun.AckFileName)));
        Assert.That(outcome.ReportPath, Is.EqualTo(output.Combine(PipelineRun.ReportFileName)));
    }

    [Test]
    public void Process_CancelledMidFile_WritesNoAckFileOrReportAndLeavesNoTemporaryFile()
    {
        using var output = TempFolder.ForCaller();
        var file = BatchFiles.Bytes(BatchFiles.Messages(2000));
        using var cancellation = new CancellationTokenSource();
        List<string>? atCancellation = null;

        // The processor reads the file twice (inspection, then messages): cancel halfway through the second pass.
        using var input = new ReadWatchingStream(file, file.Length + (file.Length / 2), () =>
        {
            atCancellation = FilesIn(output);
            cancellation.Cancel();
        });

        Assert.That(() => Processor.Process(input, PipelineRun.FileName, output.Path, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(atCancellation, Has.Some.Match(@"^\.HL7_FUZZCLINIC_20240101\.ack\.txt\.[0-9a-f]{32}\.tmp$"), "the ACK file was being written when the run was cancelled");
        Assert.That(FilesIn(output), Is.Empty);
    }

    [Test]
    public void Process_CancelledReRun_LeavesThePreviousOutputsUntouched()
    {
        using var output = TempFolder.ForCaller();
        using (var first = new MemoryStream(BatchFiles.Bytes(BatchFiles.Messages(1))))
        {
            Processor.Process(first, PipelineRun.FileName, output.Path);
        }

        var ack = File.ReadAllText(output.Combine(PipelineRun.AckFileName));
        var report = File.ReadAllText(output.Combine(PipelineRun.ReportFileName));
        var file = BatchFiles.Bytes(BatchFiles.Messages(2000));
        using var cancellation = new CancellationTokenSource();
        using var second = new ReadWatchingStream(file, file.Length + (file.Length / 2), cancellation.Cancel);

        Assert.That(() => Processor.Process(second, PipelineRun.FileName, output.Path, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(FilesIn(output), Is.EqualTo(new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName }));
        Assert.That(File.ReadAllText(output.Combine(PipelineRun.AckFileName)), Is.EqualTo(ack));
        Assert.That(File.ReadAllText(output.Combine(PipelineRun.ReportFileName)), Is.EqualTo(report));
    }

    [Test]
    public void Process_RunAgainOnChangedContent_ReplacesTheAckFileAndReport()
    {
        using var output = TempFolder.ForCaller();
        using (var first = new MemoryStream(BatchFiles.Bytes(BatchFiles.Messages(3))))
        {
            Processor.Process(first, PipelineRun.FileName, output.Path);
        }

        using (var second = new MemoryStream(BatchFiles.Bytes(BatchFiles.Messages(1, (m, _) => m.With("MSH-10", "AGAIN-1")))))
        {
            Processor.Process(second, PipelineRun.FileName, output.Path);
        }

        Assert.That(FilesIn(output), Is.EqualTo(new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName }));
        Assert.That(AckFileText.Parse(File.ReadAllText(output.Combine(PipelineRun.AckFileName))).AcknowledgedControlIds, Is.EqualTo(new[] { "AGAIN-1" }));
        Assert.That(File.ReadAllText(output.Combine(PipelineRun.ReportFileName)), Does.Contain("Outcome:  PROCESSED. 1 of 1 message accepted."));
    }

    /// <summary>A stream that cannot seek (a file still arriving) is read once, inspected as it goes, with the same outputs.</summary>
    [Test]
    public void Process_NonSeekableStreamWithMessages_IsReadInOnePassWithTheSameOutputs()
    {
        using var seekable = TempFolder.ForCaller();
        using var oneAPass = TempFolder.ForCaller("OnePass");
        var bytes = BatchFiles.Bytes(BatchFiles.Messages(2) + SampleVxu.Valid251().With("MSH-10", "BAD").With("PID-7", "notadate").Text);
        using (var file = new MemoryStream(bytes))
        {
            Processor.Process(file, PipelineRun.FileName, seekable.Path);
        }

        using var input = new NonSeekableStream(bytes);

        var outcome = Processor.Process(input, PipelineRun.FileName, oneAPass.Path);

        Assert.That(outcome.Counts.MessagesRead, Is.EqualTo(3));
        Assert.That(FilesIn(oneAPass), Is.EqualTo(new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName }));
        foreach (var name in new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName })
        {
            Assert.That(Regex.Replace(File.ReadAllText(oneAPass.Combine(name)), @"R[0-9A-F]{12}", "R*"), Is.EqualTo(Regex.Replace(File.ReadAllText(seekable.Combine(name)), @"R[0-9A-F]{12}", "R*")), name);
        }
    }

    /// <summary>Notepad's "Unicode" and PowerShell 5's redirection write UTF-16 with a byte order mark: read as such, in either pass.</summary>
    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void Process_Utf16FileWithByteOrderMark_IsReadAsTheSameTextWithANote(bool bigEndian, bool onePass)
    {
        using var utf8 = TempFolder.ForCaller();
        using var utf16 = TempFolder.ForCaller("Utf16");
        var text = BatchFiles.Messages(2) + SampleVxu.Valid251().With("MSH-10", "BAD").With("PID-5", "MÜLLER^JOSÉ").With("PID-7", "notadate").Text;
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        using (var file = new MemoryStream(Encoding.UTF8.GetBytes(text)))
        {
            Processor.Process(file, PipelineRun.FileName, utf8.Path);
        }

        using Stream input = onePass ? new NonSeekableStream(bytes) : new MemoryStream(bytes);

        var outcome = Processor.Process(input, PipelineRun.FileName, utf16.Path);

        Assert.That(outcome.Counts.MessagesRead, Is.EqualTo(3));
        Assert.That(Normalised(utf16, PipelineRun.AckFileName), Is.EqualTo(Normalised(utf8, PipelineRun.AckFileName)));
        var notes = File.ReadAllLines(utf16.Combine(PipelineRun.ReportFileName)).SkipWhile(l => l != "File-level notes").Skip(1).First();
        Assert.That(notes, Is.EqualTo($"  WARNING line 1: the file is saved as UTF-16{(bigEndian ? "BE" : "LE")} (Notepad's \"Unicode\"), not UTF-8; it was read as UTF-16{(bigEndian ? "BE" : "LE")} [file-structure]"));
    }

    [Test]
    public void Process_Utf16FileWithANulCharacter_IsTurnedAwayNamingItsLineNotADecodedOffset()
    {
        using var output = TempFolder.ForCaller();
        var encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(BatchFiles.Messages(1) + "NTE|1||A\0B\r" + BatchFiles.Messages(1))];

        var run = PipelineRun.Of(bytes, output);

        Assert.That(run.Outcome.Processed, Is.False);
        Assert.That(run.Report, Does.Contain("The file is UTF-16LE text (it starts with that byte order mark) with a NUL character in it, the first on line " + (BatchFiles.Messages(1).Count(c => c == '\r') + 1) + ","));
        Assert.That(run.Report, Does.Not.Contain("counting from 0"), "an offset in the decoded text is none of the file's");
    }

    private static string Normalised(TempFolder folder, string name) => Regex.Replace(File.ReadAllText(folder.Combine(name)), @"R[0-9A-F]{12}", "R*");

    /// <summary>The same stream type is accepted when the content is turned away after the first pass.</summary>
    [Test]
    public void Process_NonSeekableStreamWithNoMessage_WritesTheNotProcessedReport()
    {
        using var output = TempFolder.ForCaller();
        using var input = new NonSeekableStream(BatchFiles.Bytes("patient_id,vaccine,date\n"));

        var outcome = Processor.Process(input, PipelineRun.FileName, output.Path);

        Assert.That(outcome.Processed, Is.False);
        Assert.That(FilesIn(output), Is.EqualTo(new[] { PipelineRun.ReportFileName }));
    }

    private static List<string> FilesIn(TempFolder folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder.Path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Test]
    public void Process_ReRunNowNotProcessed_RemovesTheEarlierAckFile()
    {
        using var output = TempFolder.ForCaller();
        using (var first = new MemoryStream(BatchFiles.Bytes(BatchFiles.Messages(2))))
        {
            Processor.Process(first, PipelineRun.FileName, output.Path);
        }

        using var empty = new MemoryStream([]);
        var outcome = Processor.Process(empty, PipelineRun.FileName, output.Path);

        Assert.That(outcome.Processed, Is.False);
        Assert.That(FilesIn(output), Is.EqualTo(new[] { PipelineRun.ReportFileName }), "a stale ACK file would contradict the report");
    }
}

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

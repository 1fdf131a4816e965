using System.Diagnostics;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// A large upload: 20,000 messages in one batch, one in ten missing the birth date (rejected, its
/// vaccination counted as dropped). Built in memory, about 25 MB.
/// </summary>
[TestFixture]
internal sealed class BatchFileProcessorLargeFileTests
{
    private const int Messages = 20_000;
    private const int Rejected = Messages / 10;

    [Test]
    public void Process_TwentyThousandMessages_AcksEachInOrderAndTheReportCountsMatch()
    {
        using var output = TempFolder.ForCaller();
        var file = BatchFiles.Bytes(BatchFiles.InBatch(
            BatchFiles.Messages(Messages, (m, i) => i % 10 == 9 ? m.With("PID-7", string.Empty) : m),
            Messages));
        var time = Stopwatch.StartNew();

        var run = PipelineRun.Of(file, output);

        TestContext.Out.WriteLine($"{file.Length / 1024} KB in {time.ElapsedMilliseconds} ms");
        var ack = AckFileText.Parse(run.Ack!);
        Assert.That(ack.Problems, Is.Empty);
        Assert.That(ack.AcknowledgedControlIds, Is.EqualTo(Enumerable.Range(0, Messages).Select(BatchFiles.ControlId)));
        Assert.That(ack.Codes, Is.EqualTo(Enumerable.Range(0, Messages).Select(i => i % 10 == 9 ? "AE" : "AA")));
        Assert.That(ack.DeclaredCount, Is.EqualTo(Messages));
        Assert.That(run.Outcome.Counts.MessagesRead, Is.EqualTo(Messages));
        var report = run.Report!.ReplaceLineEndings("\n");
        Assert.That(report, Does.Contain("Outcome:  PROCESSED. 18000 of 20000 messages accepted; 2000 rejected.\n"));
        Assert.That(ReportLines(report, "Counts", 10), Is.EqualTo(new[]
        {
            "Counts",
            "  Messages read                                20000",
            "    accepted, no issues                        18000",
            "    accepted with warnings                     0",
            "    accepted in part (vaccinations dropped)    0",
            "    rejected (nothing stored)                  2000",
            "  ACK codes                                    AA 18000, AE 2000, AR 0",
            "  Vaccination records accepted (as sent)       18000",
            "  Vaccination records dropped                  2000",
            "  Batch header counts                          batch 1: BTS-1 says 20000, read 20000; FTS-1 says 1, read 1 batch(es)",
        }));
        Assert.That(CountOf(report, "[pid-7-missing]"), Is.EqualTo(Rejected), "one report entry per rejected message");

        // Before the thousands of entries, the messages to find first: the first 100, then a count.
        var first = ReportLines(report, "Messages not stored, or stored in part (find these first; their issues are explained below)", 102);
        Assert.That(first[1..3], Is.EqualTo(new[]
        {
            "  Message 10, control id \"MSG10\", line 102: AE, rejected, nothing stored",
            "  Message 20, control id \"MSG20\", line 212: AE, rejected, nothing stored",
        }));
        Assert.That(first[100], Does.StartWith("  Message 1000, "));
        Assert.That(first[101], Is.EqualTo("  and 1900 more (only the first 100 are listed here)"));
        Assert.That(report.IndexOf("Messages not stored", StringComparison.Ordinal), Is.LessThan(report.IndexOf("Messages with issues", StringComparison.Ordinal)));
    }

    private static string[] ReportLines(string report, string from, int count) =>
        [.. report.Split('\n').SkipWhile(l => l != from).Take(count)];

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}

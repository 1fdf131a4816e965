using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// The report names, before the entries of every message with issues, the messages not stored in
/// full, test and debug messages included: those are what a clinic must find in its system first.
/// </summary>
[TestFixture]
internal sealed class ReportNotStoredTests
{
    [Test]
    public void Process_TestMessageAmongProductionOnes_IsNamedAsNotStored()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.Messages(3, (m, i) => i == 1 ? m.With("MSH-11", "T") : m);

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var report = run.Report!.ReplaceLineEndings("\n");
        Assert.That(Section(report), Is.EqualTo(new[]
        {
            "Messages not stored, or stored in part (find these first; their issues are explained below)",
            "  Message 2, control id \"MSG2\", line 12: AA, accepted; test message (MSH-11 T), not stored",
        }));
    }

    [Test]
    public void Process_EveryMessageStored_HasNoSuchSection()
    {
        using var output = TempFolder.ForCaller();

        var run = PipelineRun.Of(BatchFiles.Bytes(BatchFiles.Messages(3)), output);

        Assert.That(run.Report, Does.Not.Contain("Messages not stored"));
    }

    [Test]
    public void Process_TestMessageWithWarnings_ItsEntrySaysItWasNotStored()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.Messages(1, (m, _) => m.With("MSH-11", "T").With("RXA-15", string.Empty));

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var report = run.Report!.ReplaceLineEndings("\n");
        var entries = report[report.IndexOf("Messages with issues", StringComparison.Ordinal)..];
        Assert.That(entries, Does.Contain("Message 1, control id \"MSG1\", line 1: AA, accepted with warnings; test message (MSH-11 T), not stored\n  WARNING at RXA-15"));
    }

    [Test]
    public void Process_ControlIdLongerThanShown_IsCutWithAMark()
    {
        using var output = TempFolder.ForCaller();
        var id = new string('X', 30) + new string('Y', 30);
        var text = BatchFiles.Messages(1, (m, _) => m.With("MSH-10", id).With("PID-7", string.Empty));

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(run.Report, Does.Contain($"Message 1, control id \"{new string('X', 30)}YYYYYYY...\", line 1: AE"));
    }

    [Test]
    public void Process_ControlIdCutInsideAnEmoji_IsCutBeforeIt()
    {
        using var output = TempFolder.ForCaller();
        var id = new string('A', 36) + "\U0001F600" + "BBBBB"; // the cut at 37 falls between the emoji's two halves
        var text = BatchFiles.Messages(1, (m, _) => m.With("MSH-10", id).With("PID-7", string.Empty));

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        Assert.That(run.Report, Does.Contain($"Message 1, control id \"{new string('A', 36)}...\", line 1: AE").And.Not.Contain("\uFFFD"));
    }

    [Test]
    public void WriteSummary_MoreRulesThanListed_SaysHowManyMessagesTheRestFiredInAtMost()
    {
        // Sixteen rules, each in one message: the sixteenth is in as many messages as the fifteenth, not fewer.
        var counts = new FileCounts();
        foreach (var rule in Registry.Ingest.Tests.Immunization.Validation.RuleCases.All.Where(c => c.Severity == Registry.Ingest.Immunization.Validation.Severity.Warning).Take(16))
        {
            counts.Add(rule.Run(), "P");
        }

        using var w = new StringWriter();
        Registry.Ingest.Acks.ReportWriter.WriteSummary(w, counts, "x.ack.txt", [], "none");

        Assert.That(w.ToString(), Does.Contain("  and 1 more rule, each in at most 1 message" + Environment.NewLine));
    }

    private static string[] Section(string report) =>
        [.. report.Split('\n').SkipWhile(l => !l.StartsWith("Messages not stored", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0)];
}

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

    private static string[] Section(string report) =>
        [.. report.Split('\n').SkipWhile(l => !l.StartsWith("Messages not stored", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0)];
}

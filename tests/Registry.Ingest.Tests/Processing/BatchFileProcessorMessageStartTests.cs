using System.Text;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// The content check before reading must agree with the batch reader about where messages start,
/// or a file with no message is "processed" into an empty ACK file with exit code 0.
/// </summary>
[TestFixture]
internal sealed class BatchFileProcessorMessageStartTests
{
    private const string Rest = "|^~\\&|APP|FAC|REG|ST|20240101||VXU^V04^VXU_V04|C1|P|2.5.1\r";

    [TestCase("MSHX" + Rest, TestName = "{m}(a longer segment id)")]
    [TestCase("MSH1" + Rest, TestName = "{m}(a longer segment id with a digit)")]
    [TestCase("PID|1\fMSH" + Rest, TestName = "{m}(MSH after a form feed inside a line)")]
    public void Process_NoLineStartsAMessage_IsNotProcessed(string text)
    {
        using var output = TempFolder.ForCaller();

        var run = PipelineRun.Of(Encoding.ASCII.GetBytes(text), output);

        Assert.That(run.Outcome.Processed, Is.False, run.Report);
        Assert.That(run.Outcome.ExitCode, Is.EqualTo(2));
        Assert.That(run.Report, Does.Contain("no line starts with MSH"));
        Assert.That(run.Files, Is.EqualTo(new[] { PipelineRun.ReportFileName }));
    }

    [TestCase("MSH" + Rest, TestName = "{m}(at the line start)")]
    [TestCase(" \t\fMSH" + Rest, TestName = "{m}(after leading spaces, tabs and form feeds)")]
    [TestCase("note\n\fMSH" + Rest, TestName = "{m}(after a form feed that starts a line)")]
    [TestCase("note\r\vMSH" + Rest, TestName = "{m}(after an MLLP start block)")]
    [TestCase("note\r\u001C\r\u001AMSH" + Rest, TestName = "{m}(after an MLLP end block and a DOS end-of-file byte)")]
    [TestCase("note\rmsh" + Rest, TestName = "{m}(written in lower case)")]
    [TestCase("MSH^" + Rest, TestName = "{m}(with an unusual field separator)")]
    [TestCase("MSH", TestName = "{m}(alone, at the end of the file)")]
    [TestCase("MSH\r", TestName = "{m}(alone on its line)")]
    public void Process_ALineStartsAMessage_IsProcessedWithOneAck(string text)
    {
        using var output = TempFolder.ForCaller();

        var run = PipelineRun.Of(Encoding.ASCII.GetBytes(text), output);

        Assert.That(run.Outcome.Processed, Is.True, run.Report);
        Assert.That(AckFileText.Parse(run.Ack!).AckCount, Is.EqualTo(1));
    }
}

using System.Text;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// A message that cannot be parsed still gets an ACK addressed from its MSH line: MSA-2 its MSH-10,
/// MSH-5/6 its sender, MSH-11 its processing id. Leading white space that the batch reader skips
/// must not hide that line.
/// </summary>
[TestFixture]
internal sealed class UnparseableMessageAckTests
{
    [TestCase("", TestName = "{m}(no white space)")]
    [TestCase("  ", TestName = "{m}(spaces)")]
    [TestCase("\t", TestName = "{m}(a tab)")]
    [TestCase("\f", TestName = "{m}(a form feed)")]
    [TestCase(" \f\t", TestName = "{m}(mixed)")]
    public void Process_UnparseableMessageAfterLeadingWhiteSpace_AckAnswersItsMshLine(string whiteSpace)
    {
        using var output = TempFolder.ForCaller();
        var text = whiteSpace + "MSH|^~\\&|SENDER|CLINIC9|REG|ST|20240101||VXU^V04^VXU_V04|CTL-1|T|2.5.1\rPID|1\r?? not a segment\r";

        var run = PipelineRun.Of(Encoding.ASCII.GetBytes(text), output);

        var ack = AckFileText.Parse(run.Ack!);
        Assert.That(ack.AcknowledgedControlIds, Is.EqualTo(new[] { "CTL-1" }));
        Assert.That(ack.Codes, Is.EqualTo(new[] { "AE" }));
        var msh = ack.Segments[2].Split('|');
        Assert.That(msh[4..6], Is.EqualTo(new[] { "SENDER", "CLINIC9" }), "MSH-5 and MSH-6");
        Assert.That(msh[10], Is.EqualTo("T"), "MSH-11");
    }
}

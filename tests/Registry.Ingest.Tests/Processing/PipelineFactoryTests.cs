using Microsoft.Extensions.Configuration;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>The processor as configuration makes it: settings take effect, and a bad one stops the start naming its key.</summary>
[TestFixture]
internal sealed class PipelineFactoryTests
{
    /// <summary>Three messages, the second with errors, so the ACK file has MSH, MSA and ERR segments.</summary>
    private static readonly byte[] File = BatchFiles.Bytes(BatchFiles.InBatch(
        BatchFiles.Messages(3, (m, i) => i == 1 ? m.With("PID-7", string.Empty).With("RXA-5", "XYZ") : m), 3));

    [TestCase("CRLF")]
    [TestCase("crlf")]
    public void Create_LineEndingCrlf_EndsEverySegmentOfTheAckFileWithCrlf(string setting)
    {
        using var output = TempFolder.ForCaller();
        var processor = PipelineRun.Processor(("Acknowledgements:LineEnding", setting));

        var ack = PipelineRun.Of(File, output, processor).Ack!;

        Assert.That(ack.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain('\r').And.Not.Contain('\n'), "no CR or LF outside CRLF pairs");
        var parsed = AckFileText.Parse(ack, "\r\n");
        Assert.That(parsed.Problems, Is.Empty);
        Assert.That(parsed.Segments, Has.Some.StartsWith("ERR|"));
        Assert.That(parsed.AcknowledgedControlIds, Is.EqualTo(new[] { "MSG1", "MSG2", "MSG3" }));
    }

    [Test]
    public void Create_DefaultLineEnding_EndsEverySegmentOfTheAckFileWithCr()
    {
        using var output = TempFolder.ForCaller();

        var ack = PipelineRun.Of(File, output, PipelineRun.Processor()).Ack!;

        Assert.That(ack, Does.Not.Contain('\n'));
        var parsed = AckFileText.Parse(ack, "\r");
        Assert.That(parsed.Problems, Is.Empty);
        Assert.That(parsed.AckCount, Is.EqualTo(3));
    }

    [TestCase("Acknowledgements:LineEnding", "XX", "Acknowledgements:LineEnding")]
    [TestCase("Acknowledgements:LineEnding", "LF", "Acknowledgements:LineEnding")]
    [TestCase("Validation:Profile", "nope", "Validation:Profile")]
    [TestCase("Validation:Severity:nosuchrule", "E", "Validation:Severity:nosuchrule")]
    [TestCase("Validation:Severity:rxa-15-missing", "sometimes", "Validation:Severity:rxa-15-missing")]
    [TestCase("Validation:Severity:pid-7-missing", "W", "Validation:Severity:pid-7-missing")]
    [TestCase("Validation:WarningsGiveAe", "perhaps", "Validation:WarningsGiveAe")]
    public void Create_BadSetting_ThrowsInvalidOperationNamingTheKey(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.That(() => PipelineFactory.Create(configuration, FixedTimeProvider.Default),
            Throws.InvalidOperationException.With.Message.Contains(named));
    }
}

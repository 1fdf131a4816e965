using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// A file of several BHS…BTS batches is answered batch by batch: each batch of ACKs names the
/// batch it answers in BHS-12, as an engine that reconciles batches expects, and counts its own.
/// </summary>
[TestFixture]
internal sealed class BatchAckEnvelopeTests
{
    private const string Fhs = "FHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||||F-1\r";

    [Test]
    public void Process_TwoBatches_AnswersEachInABatchNamingIt()
    {
        var messages = BatchFiles.Messages(3).Split("MSH|", StringSplitOptions.RemoveEmptyEntries).Select(m => "MSH|" + m).ToArray();
        string file = Fhs + Batch("B-1", messages[0] + messages[1], 2) + Batch("B-2", messages[2], 1) + "FTS|2\r";

        var envelope = AckEnvelope(file);

        Assert.That(envelope, Is.EqualTo(new[] { "FHS F-1", "BHS B-1", "MSA MSG1", "MSA MSG2", "BTS|2", "BHS B-2", "MSA MSG3", "BTS|1", "FTS|2" }));
    }

    [Test]
    public void Process_MessagesBeforeTheFirstBatch_AreAnsweredInABatchOfTheirOwn()
    {
        var messages = BatchFiles.Messages(2).Split("MSH|", StringSplitOptions.RemoveEmptyEntries).Select(m => "MSH|" + m).ToArray();
        string file = messages[0] + Batch("B-1", messages[1], 1);

        var envelope = AckEnvelope(file);

        Assert.That(envelope, Is.EqualTo(new[] { "FHS HL7_FUZZCLINIC_20240101.txt", "BHS ", "MSA MSG1", "BTS|1", "BHS B-1", "MSA MSG2", "BTS|1", "FTS|2" }));
    }

    [Test]
    public void Process_OneBatch_IsOneBatchOfAcks()
    {
        var envelope = AckEnvelope(BatchFiles.InBatch(BatchFiles.Messages(2), 2));

        Assert.That(envelope.Where(s => s.StartsWith("BHS", StringComparison.Ordinal) || s.StartsWith("BTS", StringComparison.Ordinal) || s.StartsWith("FTS", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "BHS B-1", "BTS|2", "FTS|1" }));
    }

    private static string Batch(string id, string messages, int count) =>
        $"BHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||||{id}\r" + messages + $"BTS|{count}\r";

    /// <summary>The ACK file's envelope segments (FHS/BHS with the reference they give in field 12) and each MSA with its MSA-2.</summary>
    private static string[] AckEnvelope(string file)
    {
        using var output = TempFolder.ForCaller();
        using var input = new MemoryStream(BatchFiles.Bytes(file));
        PipelineRun.Processor().Process(input, PipelineRun.FileName, output.Path);
        return File.ReadAllText(output.Combine(PipelineRun.AckFileName))
            .Split('\r', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('|'))
            .Where(f => f[0] is "FHS" or "BHS" or "BTS" or "FTS" or "MSA")
            .Select(f => f[0] switch
            {
                "FHS" or "BHS" => $"{f[0]} {(f.Length > 11 ? f[11] : string.Empty)}",
                "MSA" => $"MSA {f[2]}",
                _ => string.Join('|', f),
            })
            .ToArray();
    }
}

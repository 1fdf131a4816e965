using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

[TestFixture]
internal sealed class Hl7AckFileWriterTests
{
    private const string Fhs = "FHS|^~\\&|ICARE|IDPH^2.16.840.1.114222.4.1.1^ISO|MYEHR|DCS0067|20240131142509-0600||ACK_HL7_DCS0067_20240131.txt|||F0001\r";
    private const string Bhs = "BHS|^~\\&|ICARE|IDPH^2.16.840.1.114222.4.1.1^ISO|MYEHR|DCS0067|20240131142509-0600|||||B0001\r";

    private static readonly Hl7AckFileHeader Header = new()
    {
        FileName = "ACK_HL7_DCS0067_20240131.txt",
        Timestamp = AckSamples.Now,
        IncomingFileName = "HL7_DCS0067_20240131.txt",
        IncomingFileControlId = "F0001",
        IncomingBatchControlId = "B0001",
        IncomingSendingApplication = new Hl7HierarchicDesignator("MYEHR"),
        IncomingSendingFacility = new Hl7HierarchicDesignator("DCS0067"),
    };

    private static Hl7Ack[] ThreeAcks =>
    [
        AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept),
        AckSamples.Unparseable(),
        AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Error, AckSamples.BirthDateMissing),
    ];

    [Test]
    public void Complete_NoAcks_WritesHeadersAndZeroCount()
    {
        var output = new StringWriter();

        new Hl7AckFileWriter(output, Header, AckSamples.Options).Complete();

        Assert.That(output.ToString(), Is.EqualTo(Fhs + Bhs + "BTS|0\rFTS|1\r"));
    }

    [Test]
    public void Complete_WithOurControlId_WritesItInFhs11AndTheBatchsInBhs11()
    {
        var output = new StringWriter();

        new Hl7AckFileWriter(output, new Hl7AckFileHeader { FileName = Header.FileName, Timestamp = Header.Timestamp, ControlId = "R0A1B2C3D4E5", IncomingFileControlId = "F0001", IncomingBatchControlId = "B0001" }, AckSamples.Options).Complete();

        var lines = output.ToString().Split('\r');
        Assert.That(lines[0], Does.EndWith("|ACK_HL7_DCS0067_20240131.txt||R0A1B2C3D4E5|F0001"));
        Assert.That(lines[1], Does.EndWith("||||R0A1B2C3D4E5.B|B0001"));
    }

    [Test]
    public void Complete_ThreeAcks_WritesThemInOrderBetweenHeadersAndTrailers()
    {
        var output = new StringWriter();
        var file = new Hl7AckFileWriter(output, Header, AckSamples.Options);

        foreach (var ack in ThreeAcks)
        {
            file.Write(ack);
        }

        file.Complete();

        var single = new Hl7AckWriter(AckSamples.Options);
        var acks = string.Concat(ThreeAcks.Select(single.Write));
        Assert.That(output.ToString(), Is.EqualTo(Fhs + Bhs + acks + "BTS|3\rFTS|1\r"));
        Assert.That(file.Count, Is.EqualTo(3));
    }

    [Test]
    public void Complete_AcksOfTwoIncomingBatches_AnswersEachInABatchOfItsOwn()
    {
        var output = new StringWriter();
        var header = new Hl7AckFileHeader { FileName = Header.FileName, Timestamp = Header.Timestamp, ControlId = "R0A1B2C3D4E5", IncomingFileControlId = "F0001", IncomingBatchControlId = "B0001" };
        var file = new Hl7AckFileWriter(output, header, AckSamples.Options);
        var acks = ThreeAcks;

        file.StartBatch("B0001");
        file.Write(acks[0]);
        file.Write(acks[1]);
        file.StartBatch("B0002");
        file.Write(acks[2]);
        file.Complete();

        var segments = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        var envelope = segments.Where(l => l[..3] is "FHS" or "BHS" or "BTS" or "FTS").ToArray();
        Assert.That(envelope[1], Does.EndWith("||||R0A1B2C3D4E5.B|B0001"));
        Assert.That(envelope[2], Is.EqualTo("BTS|2"));
        Assert.That(envelope[3], Does.EndWith("||||R0A1B2C3D4E5.B2|B0002"));
        Assert.That(envelope[4..], Is.EqualTo(new[] { "BTS|1", "FTS|2" }));
        Assert.That(segments.Count(l => l.StartsWith("MSA|", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(Array.IndexOf(segments, envelope[3]), Is.GreaterThan(Array.FindIndex(segments, l => l.StartsWith("MSA|", StringComparison.Ordinal))));
        Assert.That(file.Count, Is.EqualTo(3));
    }

    [Test]
    public void StartBatch_BeforeTheFirstAck_NamesTheBatchTheFirstBhsAnswers()
    {
        var output = new StringWriter();
        var file = new Hl7AckFileWriter(output, Header, AckSamples.Options);

        file.StartBatch("B0007");
        file.Write(ThreeAcks[0]);
        file.Complete();

        Assert.That(output.ToString(), Does.StartWith(Fhs + Bhs.Replace("|B0001\r", "|B0007\r", StringComparison.Ordinal)).And.EndWith("BTS|1\rFTS|1\r"));
    }

    [Test]
    public void Write_EachAck_ReachesTheOutputBeforeTheNextIsGiven()
    {
        var output = new StringWriter();
        var file = new Hl7AckFileWriter(output, Header, AckSamples.Options);

        file.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept));

        Assert.That(output.ToString(), Does.StartWith(Fhs + Bhs + "MSH|").And.EndWith("MSA|AA|MSG00001\r"));
    }

    [Test]
    public void Complete_ManyAcks_CountsEveryOne()
    {
        var output = new StringWriter();
        var file = new Hl7AckFileWriter(output, Header, AckSamples.Options);
        for (int i = 0; i < 1234; i++)
        {
            file.Write(AckSamples.Unparseable("ACK" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        file.Complete();

        var segments = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(segments.Count(s => s.StartsWith("MSH|", StringComparison.Ordinal)), Is.EqualTo(1234));
        Assert.That(segments[^2], Is.EqualTo("BTS|1234"));
        Assert.That(segments[^1], Is.EqualTo("FTS|1"));
    }

    [Test]
    public void Complete_NoIncomingFileControlId_ReferencesTheIncomingFileNameInFhs12()
    {
        var output = new StringWriter();
        var header = new Hl7AckFileHeader { FileName = "ACK.txt", Timestamp = AckSamples.Now, IncomingFileName = "HL7_DCS0067_20240131.txt" };

        new Hl7AckFileWriter(output, header, AckSamples.Options).Complete();

        var fhs = AckSamples.Parse(output.ToString().Replace("FHS|", "MSH|", StringComparison.Ordinal)).Header;
        Assert.That(fhs.Field(9).Value, Is.EqualTo("ACK.txt"));
        Assert.That(fhs.Field(12).Value, Is.EqualTo("HL7_DCS0067_20240131.txt"));
        Assert.That(fhs.Field(3).Value, Is.EqualTo("ICARE"));
    }

    [Test]
    public void Complete_CrLfLineEnding_EndsEverySegmentWithCrLf()
    {
        var output = new StringWriter();
        var options = new Hl7AckOptions { Application = AckSamples.Options.Application, Facility = AckSamples.Options.Facility, FileLineEnding = Hl7LineEnding.CrLf };
        var file = new Hl7AckFileWriter(output, Header, options);
        foreach (var ack in ThreeAcks)
        {
            file.Write(ack);
        }

        file.Complete();

        var text = output.ToString();
        var crLfFree = text.Replace("\r\n", "", StringComparison.Ordinal);
        Assert.That(crLfFree, Does.Not.Contain('\r').And.Not.Contain('\n'));
        Assert.That(text, Does.StartWith(Fhs.Replace("\r", "\r\n", StringComparison.Ordinal)).And.EndWith("\r\nBTS|3\r\nFTS|1\r\n"));
    }

    [Test]
    public async Task WriteAsync_ThreeAcks_WritesWhatWriteWrites()
    {
        var expected = new StringWriter();
        var syncFile = new Hl7AckFileWriter(expected, Header, AckSamples.Options);
        var output = new StringWriter();
        var asyncFile = new Hl7AckFileWriter(output, Header, AckSamples.Options);
        foreach (var ack in ThreeAcks)
        {
            syncFile.Write(ack);
            await asyncFile.WriteAsync(ack);
        }

        syncFile.Complete();
        await asyncFile.CompleteAsync();

        Assert.That(output.ToString(), Is.EqualTo(expected.ToString()));
    }

    [Test]
    public void Write_AfterComplete_Throws()
    {
        var file = new Hl7AckFileWriter(new StringWriter(), Header, AckSamples.Options);
        file.Complete();

        Assert.That(() => file.Write(AckSamples.Unparseable()), Throws.InvalidOperationException);
        Assert.That(file.Complete, Throws.InvalidOperationException);
    }

    [Test]
    public void Write_ReusedWriter_AllocatesNothingPerAck()
    {
        using var stream = new StreamWriter(Stream.Null);
        var file = new Hl7AckFileWriter(stream, Header, AckSamples.Options);
        var ack = AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Error, AckSamples.SourceNotInTable, AckSamples.BirthDateMissing, AckSamples.Historical);
        for (int i = 0; i < 10; i++)
        {
            // Warm-up: the header, the buffer's growth and the stream writer's first flush allocate once.
            file.Write(ack);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            file.Write(ack);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
    }
}

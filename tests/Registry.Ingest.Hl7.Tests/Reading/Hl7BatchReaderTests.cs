using System.Text;

namespace Registry.Ingest.Hl7.Tests.Reading;

public sealed class Hl7BatchReaderTests
{
    private const string Msh1 = "MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240101120000||VXU^V04^VXU_V04|MSG1|P|2.5.1";
    private const string Msh2 = "MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240101120000||VXU^V04^VXU_V04|MSG2|P|2.5.1";
    private const string Pid = "PID|1||123^^^CLINIC^MR||DOE^JANE||20200101|F";
    private const string Rxa = "RXA|0|1|20240101||08^HepB^CVX|0.5|mL";

    private static List<(int Number, int FirstLine, int LastLine, string? ControlId, string? Error, int Segments)> ReadAll(string text, out Hl7BatchEnvelope envelope, Encoding? encoding = null, Hl7BatchReaderOptions? options = null)
    {
        using var stream = new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text));
        return ReadAll(stream, out envelope, options);
    }

    private static List<(int Number, int FirstLine, int LastLine, string? ControlId, string? Error, int Segments)> ReadAll(Stream stream, out Hl7BatchEnvelope envelope, Hl7BatchReaderOptions? options = null)
    {
        using var reader = new Hl7BatchReader(stream, options);
        var items = reader.ReadMessages()
            .Select(i => (i.Number, i.FirstLine, i.LastLine, (string?)i.Header.ControlId, i.Error?.Reason, i.Message?.SegmentCount ?? 0))
            .ToList();
        envelope = reader.Envelope;
        return items;
    }

    [TestCase("\r")]
    [TestCase("\n")]
    [TestCase("\r\n")]
    public void ReadMessages_AnyTerminator_YieldsEachMessageWithItsFirstLine(string eol)
    {
        var text = string.Join(eol, Msh1, Pid, Rxa, Msh2, Pid, Rxa) + eol;

        var items = ReadAll(text, out var envelope);

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0], Is.EqualTo((1, 1, 3, (string?)"MSG1", (string?)null, 3)));
        Assert.That(items[1], Is.EqualTo((2, 4, 6, (string?)"MSG2", (string?)null, 3)));
        Assert.That(envelope.MessagesRead, Is.EqualTo(2));
        Assert.That(envelope.Issues, Is.Empty);
    }

    [Test]
    public void ReadMessages_MixedTerminatorsBlankLinesAndBom_CountsLinesLikeAnEditor()
    {
        var text = "\uFEFF" + Msh1 + "\r\n" + Pid + "\r" + Rxa + "\n\n\r\n" + Msh2 + "\f" + Pid;

        var items = ReadAll(text, out _);

        Assert.That(items.Select(i => (i.FirstLine, i.ControlId, i.Segments)), Is.EqualTo(new[] { (1, (string?)"MSG1", 3), (6, "MSG2", 2) }));
    }

    [Test]
    public void ReadMessages_CrLfSplitAcrossReads_IsOneTerminator()
    {
        var bytes = Encoding.UTF8.GetBytes(Msh1 + "\r\n" + Pid + "\r\n" + Msh2 + "\r\n" + Pid + "\r\n");
        using var stream = new OneByteStream(bytes);

        var items = ReadAll(stream, out _);

        Assert.That(items.Select(i => i.FirstLine), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(items.Select(i => i.Segments), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void ReadMessages_EnvelopeApplicationAndFacility_KeepTheirUniversalIds()
    {
        var text = string.Join("\r",
            "FHS|^~\\&|EHR^9.9^ISO|^2.16.840.1.113883.3.1^ISO|||20240101",
            Msh1, Pid) + "\r";

        ReadAll(text, out var envelope);

        Assert.That(envelope.FileHeader!.Designator(3), Is.EqualTo(new Hl7HierarchicDesignator("EHR", "9.9", "ISO")));
        Assert.That(envelope.FileHeader.Designator(4), Is.EqualTo(new Hl7HierarchicDesignator("", "2.16.840.1.113883.3.1", "ISO")));
        Assert.That(envelope.FileHeader.Designator(5), Is.SameAs(Hl7HierarchicDesignator.Empty));
        Assert.That(envelope.FileHeader.Component(2, 2), Is.Empty, "FHS-2 is the encoding characters, one value");
    }

    [Test]
    public void ReadMessages_BatchEnvelope_CountsMessagesPerBatchAndKeepsDeclaredCounts()
    {
        var text = string.Join("\r",
            "FHS|^~\\&|EHR|CLINIC|||20240101||HL7_X_20240101.txt||FILE42",
            "BHS|^~\\&|EHR|CLINIC|||20240101||||BATCH7",
            Msh1, Pid, Msh2, Pid,
            "BTS|3",
            "FTS|1") + "\r";

        var items = ReadAll(text, out var envelope);

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(envelope.FileHeader!.Field(11), Is.EqualTo("FILE42"));
        Assert.That(envelope.FileHeader.Field(9), Is.EqualTo("HL7_X_20240101.txt"));
        Assert.That(envelope.Batches, Has.Count.EqualTo(1));
        Assert.That(envelope.Batches[0].Header.Field(11), Is.EqualTo("BATCH7"));
        Assert.That(envelope.Batches[0].MessagesRead, Is.EqualTo(2));
        Assert.That(envelope.Batches[0].Trailer!.DeclaredCount, Is.EqualTo(3));
        Assert.That(envelope.FileTrailer!.DeclaredCount, Is.EqualTo(1));
        Assert.That(envelope.MessagesOutsideBatches, Is.Zero);
        Assert.That(items[1].LastLine, Is.EqualTo(6));
    }

    [Test]
    public void ReadMessages_BrokenSegmentLine_YieldsFailureAndKeepsReading()
    {
        var text = string.Join("\n", Msh1, "PID|1||123^^^CLINIC^MR||DOE^JANE||20200101|F|||1 MAIN", "RXR\tFARGO", Rxa, Msh2, Pid, Rxa);

        var items = ReadAll(text, out _);

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].ControlId, Is.EqualTo("MSG1"));
        Assert.That(items[0].Error, Does.Contain("not an HL7 segment"));
        Assert.That(items[0].Error, Does.Not.Contain("FARGO"), "a reason must not quote the line: it may hold patient data");
        Assert.That(items[1].Error, Is.Null);
        Assert.That(items[1].Segments, Is.EqualTo(3));
    }

    /// <summary>NUL bytes a file ends with are padding: every message reads as without them, and the file's notes say so once.</summary>
    [TestCase("{0}\n{1}\n{2}\n\0\0\0\0", TestName = "ReadMessages_NulPaddingOnALineOfItsOwn_IsIgnoredAndNotedOnce")]
    [TestCase("{0}\n{1}\n{2}\0\0\0\0", TestName = "ReadMessages_NulPaddingAfterTheLastSegment_IsIgnoredAndNotedOnce")]
    [TestCase("{0}\n{1}\n{2}\r\n\0\0\r\n\0\0", TestName = "ReadMessages_NulPaddingAmongLineBreaks_IsIgnoredAndNotedOnce")]
    [TestCase("BHS|^~\\&\n{0}\n{1}\n{2}\nBTS|1\0\0", TestName = "ReadMessages_NulPaddingAfterTheBatchTrailer_IsIgnoredAndNotedOnce")]
    [TestCase("BHS|^~\\&\n{0}\n{1}\n{2}\nBTS|1\n\0 \0", TestName = "ReadMessages_NulPaddingWithASpaceAmongIt_IsIgnoredAndNotedOnce")]
    [TestCase("{0}\n{1}\n{2}\n\0\r\n\0 \0\t", TestName = "ReadMessages_NulPaddingWithSpacesOnSeveralLines_IsIgnoredAndNotedOnce")]
    public void ReadMessages_NulPaddingAtTheEnd_IsIgnoredAndNotedOnce(string layout)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, Msh1, Pid, Rxa);

        var items = ReadAll(text, out var envelope);

        Assert.That(items.Select(i => (i.ControlId, i.Error, i.Segments)), Is.EqualTo(new[] { ((string?)"MSG1", (string?)null, 3) }));
        Assert.That(envelope.Issues.Select(i => i.Text), Has.Exactly(1).Contains("NUL").And.Exactly(1).Items);
        Assert.That(envelope.Batches.Select(b => b.Trailer?.Text ?? string.Empty), Has.None.Contains("\0"));
    }

    [Test]
    public void ReadMessages_SegmentContinuedOnTheNextLine_IsOneSegmentAndTheLinesStayCounted()
    {
        var text = string.Join("\n", Msh1, "PID|1||123^^^CLINIC^MR||DOE^JANE||20200101|F|||1 MAIN", "ST^FARGO^ND", Rxa, Msh2, Pid, Rxa);

        var items = ReadAll(text, out _);

        Assert.That(items.Select(i => (i.Error, i.Segments)), Is.EqualTo(new[] { ((string?)null, 3), (null, 3) }));
        Assert.That(items[1].FirstLine, Is.EqualTo(5));
    }

    [Test]
    public void ReadMessages_BadDelimiters_YieldsFailureWithControlIdForTheAck()
    {
        var text = "MSH|^^\\&|EHR|CLINIC|IIS|STATE|20240101||VXU^V04|BAD1|P|2.5.1\r" + Pid + "\r" + Msh2 + "\r" + Pid;

        var items = ReadAll(text, out _);

        Assert.That(items[0].ControlId, Is.EqualTo("BAD1"));
        Assert.That(items[0].Error, Does.Contain("distinct"));
        Assert.That(items[1].Error, Is.Null);
    }

    [Test]
    public void ReadMessages_LinesBeforeFirstMsh_AreReportedByLineWithoutTheirContent()
    {
        var text = "PID|1||SECRET^^^X||DOE^JOHN\rjunk\r" + Msh1 + "\r" + Pid;

        var items = ReadAll(text, out var envelope);

        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(items[0].FirstLine, Is.EqualTo(3));
        Assert.That(envelope.Issues.Select(i => i.Line), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(envelope.Issues[0].Text, Does.Contain("PID segment before the first MSH"));
        Assert.That(string.Join(" ", envelope.Issues.Select(i => i.Text)), Does.Not.Contain("DOE").And.Not.Contain("SECRET"));
    }

    [Test]
    public void ReadMessages_OversizedMessage_FailsAloneAndTheNextIsRead()
    {
        var huge = "OBX|1|TX|X||" + new string('A', 10_000);
        var text = string.Join("\r", Msh1, Pid, huge, huge, Msh2, Pid);

        var items = ReadAll(text, out _, options: new Hl7BatchReaderOptions { MaxMessageBytes = 4096 });

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].ControlId, Is.EqualTo("MSG1"));
        Assert.That(items[0].Error, Does.Contain("larger than 4 KB"));
        Assert.That(items[1], Is.EqualTo((2, 5, 6, (string?)"MSG2", (string?)null, 2)));
    }

    [Test]
    public void ReadMessages_OneLineMessageOverTheLimit_DoesNotTakeTheNextMessageWithIt()
    {
        var oneLine = Msh1 + "PID|1||" + new string('A', 10_000);
        var text = string.Join("\r\n", oneLine, Msh2, Pid, Rxa);

        var items = ReadAll(text, out _, options: new Hl7BatchReaderOptions { MaxMessageBytes = 4096 });

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].ControlId, Is.EqualTo("MSG1"));
        Assert.That(items[0].Error, Does.Contain("larger than 4 KB"));
        Assert.That(items[1], Is.EqualTo((2, 2, 4, (string?)"MSG2", (string?)null, 3)));
    }

    [Test]
    public void ReadMessages_NextMessageStartsWhenTheBufferIsNearlyFull_IsReadWhole()
    {
        // The first message ends a few bytes short of the limit: the next one's MSH line must not be cut.
        var filler = "OBX|1|TX|X||" + new string('A', 4096 - 200);
        var first = string.Join("\r", Msh1, filler) + "\r";
        int pad = 4096 - Encoding.UTF8.GetByteCount(first) - 10;
        var text = first + "NTE|1||" + new string('B', pad) + "\r" + Msh2 + "\r" + Pid;

        var items = ReadAll(text, out _, options: new Hl7BatchReaderOptions { MaxMessageBytes = 4096 });

        Assert.That(items.Select(i => (i.ControlId, i.Error)), Is.EqualTo(new[] { ((string?)"MSG1", (string?)null), ("MSG2", null) }));
    }

    [Test]
    public void ReadMessages_LinesAtAndAroundTheLimitWithCrLf_NeverOverrunAndTheLastMessageIsRead()
    {
        const int Limit = 4096;
        foreach (int length in new[] { Limit - 2, Limit - 1, Limit, Limit + 1 })
        {
            var longHeader = Msh1 + "|" + new string('H', length - Msh1.Length - 1);
            var longLine = "NTE|1||" + new string('N', length - 7);
            var text = string.Join("\r\n", longHeader, longLine, longLine, longHeader, Msh2, Pid) + "\r\n";

            var whole = ReadAll(text, out _, options: new Hl7BatchReaderOptions { MaxMessageBytes = Limit });
            using var trickle = new OneByteStream(Encoding.UTF8.GetBytes(text));
            var byteByByte = ReadAll(trickle, out _, new Hl7BatchReaderOptions { MaxMessageBytes = Limit });

            Assert.That(byteByByte, Is.EqualTo(whole), $"lines of {length} bytes");
            Assert.That(whole, Has.Count.EqualTo(3), $"lines of {length} bytes");
            Assert.That(whole[2], Is.EqualTo((3, 5, 6, (string?)"MSG2", (string?)null, 2)), $"lines of {length} bytes");
        }
    }

    [TestCase("\uFEFF", TestName = "ReadMessages_BomBeforeALaterMsh_StartsAMessage")]
    [TestCase("\v", TestName = "ReadMessages_MllpStartBlockBeforeMsh_StartsAMessage")]
    [TestCase(" \f\t", TestName = "ReadMessages_SpacesAndFormFeedBeforeMsh_StartAMessage")]
    public void ReadMessages_PaddingBeforeMsh_StartsAMessage(string padding)
    {
        // Exports joined into one file, or an interface engine's MLLP dump (VT before, FS after each message).
        var text = padding + Msh1 + "\r" + Pid + "\r" + Rxa + "\r\u001C\r" + padding + Msh2 + "\r" + Pid + "\r\u001C\r\u001A";

        var items = ReadAll(text, out var envelope);

        Assert.That(items.Select(i => (i.FirstLine, i.ControlId, i.Error, i.Segments)), Is.EqualTo(new[] { (1, (string?)"MSG1", (string?)null, 3), (5, "MSG2", null, 2) }));
        Assert.That(envelope.Issues, Is.Empty);
    }

    [TestCase(false, TestName = "ReadMessages_MessageWrittenStraightAfterTheLastSegment_StartsANewMessage")]
    [TestCase(true, TestName = "ReadMessages_MessageWrittenStraightAfterTheLastSegmentReadByteByByte_StartsANewMessage")]
    public void ReadMessages_MessageWrittenStraightAfterTheLastSegment_StartsANewMessage(bool byteByByte)
    {
        // An EHR that ends segments with CR but not a message's last one, then concatenates messages.
        var bytes = Encoding.UTF8.GetBytes(Msh1 + "\r" + Pid + "\r" + Rxa + Msh2 + "\r" + Pid + "\r" + Rxa + Msh1.Replace("MSG1", "MSG3") + "\r" + Pid);
        using var stream = byteByByte ? new OneByteStream(bytes) : new MemoryStream(bytes);

        var items = ReadAll(stream, out var envelope);

        Assert.That(items, Is.EqualTo(new[]
        {
            (1, 1, 3, (string?)"MSG1", (string?)null, 3),
            (2, 3, 5, "MSG2", null, 3),
            (3, 5, 6, "MSG3", null, 2),
        }));
        Assert.That(envelope.Issues.Select(i => i.Line), Is.EqualTo(new[] { 3, 5 }));
        Assert.That(envelope.Issues[0].Text, Does.Contain("inside the line"));
    }

    [Test]
    public void ReadMessages_MllpFramesWithoutLineBreaks_EachFrameIsAMessageWithoutItsFrameBytes()
    {
        var text = "\v" + Msh1 + "\r" + Pid + "\r" + Rxa + "\u001C\v" + Msh2 + "\r" + Pid + "\r" + Rxa + "\u001C\r";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var reader = new Hl7BatchReader(stream);

        var lastSegments = reader.ReadMessages().Select(i => (i.Header.ControlId, i.Message![i.Message.SegmentCount - 1].ToString())).ToList();

        Assert.That(lastSegments, Is.EqualTo(new[] { ("MSG1", Rxa), ("MSG2", Rxa) }));
    }

    [Test]
    public void ReadMessages_WholeFileOnOneLine_IsSplitIntoItsMessages()
    {
        var items = ReadAll(Msh1 + Pid + Msh2 + Pid, out var envelope);

        Assert.That(items.Select(i => (i.FirstLine, i.LastLine, i.ControlId)), Is.EqualTo(new[] { (1, 1, (string?)"MSG1"), (1, 1, "MSG2") }));
        Assert.That(envelope.Issues, Has.Count.EqualTo(1));
    }

    [Test]
    public void ReadMessages_ManyMessagesOnOneLine_AreEachRead()
    {
        var line = string.Concat(Enumerable.Range(1, 500).Select(i => Msh1.Replace("MSG1", $"M{i}") + "\u001C\v"));

        var items = ReadAll(line + "\r", out var envelope);

        Assert.That(items.Select(i => i.ControlId), Is.EqualTo(Enumerable.Range(1, 500).Select(i => $"M{i}")));
        Assert.That(items.Select(i => (i.FirstLine, i.LastLine, i.Error)).Distinct(), Is.EqualTo(new[] { (1, 1, (string?)null) }));
        Assert.That(envelope.Issues, Has.Count.EqualTo(1), "one note for the line");
    }

    [Test]
    public void ReadMessages_EnvelopeSegmentRightBeforeAnInlineHeader_IsTakenAsEnvelope()
    {
        // The id alone, so only the part before the header (not "FTSMSH") says what the line is.
        var items = ReadAll(Msh1 + "\r" + Pid + "\rFTS" + Msh2 + "\r" + Pid + "\r", out var envelope);

        Assert.That(items.Select(i => (i.ControlId, i.Segments)), Is.EqualTo(new[] { ((string?)"MSG1", 2), ("MSG2", 2) }));
        Assert.That(envelope.FileTrailer, Is.Not.Null);
    }

    [TestCase(false, TestName = "ReadMessages_BatchHeaderWrittenStraightAfterTheBts_StartsTheNextBatch")]
    [TestCase(true, TestName = "ReadMessages_BatchHeaderWrittenStraightAfterTheBtsReadByteByByte_StartsTheNextBatch")]
    public void ReadMessages_BatchHeaderWrittenStraightAfterTheBts_StartsTheNextBatch(bool byteByByte)
    {
        // Two batches, the first BTS without its line break: "BTS|1BHS|^~\&|...".
        var text = "FHS|^~\\&|EHR|CLINIC\rBHS|^~\\&|EHR|CLINIC\r" + Msh1 + "\r" + Pid + "\rBTS|1"
            + "BHS|^~\\&|EHR|CLINIC\r" + Msh2 + "\r" + Pid + "\rBTS|1\rFTS|2\r";
        var bytes = Encoding.UTF8.GetBytes(text);
        using var stream = byteByByte ? new OneByteStream(bytes) : new MemoryStream(bytes);

        var items = ReadAll(stream, out var envelope);

        Assert.That(items.Select(i => (i.ControlId, i.Segments)), Is.EqualTo(new[] { ((string?)"MSG1", 2), ("MSG2", 2) }));
        Assert.That(envelope.Batches.Select(b => (b.Trailer?.DeclaredCount, b.MessagesRead)), Is.EqualTo(new[] { ((int?)1, 1), (1, 1) }));
        Assert.That(envelope.FileTrailer?.DeclaredCount, Is.EqualTo(2));
        Assert.That(envelope.MessagesOutsideBatches, Is.Zero);
        Assert.That(envelope.Issues.Select(i => (i.Line, i.Text)), Is.EqualTo(new[]
        {
            (5, "a batch header (BHS) starts inside the line, after a segment that has no line break at its end; a new batch was read from there"),
        }));
    }

    [Test]
    public void ReadMessages_BareBatchHeaderWrittenStraightAfterTheBts_StartsTheNextBatch()
    {
        // "BHS|^~\&" with nothing after its encoding characters, as some senders write it.
        var text = "BHS|^~\\&\r" + Msh1 + "\r" + Pid + "\rBTS|1BHS|^~\\&\r" + Msh2 + "\r" + Pid + "\rBTS|1\r";

        var items = ReadAll(text, out var envelope);

        Assert.That(items.Select(i => i.ControlId), Is.EqualTo(new[] { "MSG1", "MSG2" }));
        Assert.That(envelope.Batches.Select(b => (b.Trailer?.DeclaredCount, b.MessagesRead)), Is.EqualTo(new[] { ((int?)1, 1), (1, 1) }));
        Assert.That(envelope.MessagesOutsideBatches, Is.Zero);
    }

    [Test]
    public void ReadMessages_FileHeaderWrittenStraightAfterTheFts_IsReadAsTheSecondFilesHeader()
    {
        // Two exports joined without a line break between them: "FTS|1FHS|^~\&|...".
        var one = "FHS|^~\\&|EHR|CLINIC\rBHS|^~\\&|EHR|CLINIC\r" + Msh1 + "\r" + Pid + "\rBTS|1\rFTS|1";
        var two = "FHS|^~\\&|EHR|CLINIC\rBHS|^~\\&|EHR|CLINIC\r" + Msh2 + "\r" + Pid + "\rBTS|1\rFTS|1\r";

        var items = ReadAll(one + two, out var envelope);

        Assert.That(items.Select(i => (i.ControlId, i.Segments)), Is.EqualTo(new[] { ((string?)"MSG1", 2), ("MSG2", 2) }));
        Assert.That(envelope.FileTrailer?.DeclaredCount, Is.EqualTo(1), "the first FTS, its count read without the FHS after it");
        Assert.That(envelope.Issues[0].Line, Is.EqualTo(6));
        Assert.That(envelope.Issues[0].Text, Does.StartWith("a file header (FHS) starts inside the line"));
    }

    [TestCase("FHS|^~\\&|E\rBHS|^~\\&|E\r", TestName = "ReadMessages_FileInABatchEndingInsideASegment_FailsTheLastMessageAsCutShort")]
    [TestCase("FHS|^~\\&|E\r", TestName = "ReadMessages_FileWithAnFhsEndingInsideASegment_FailsTheLastMessageAsCutShort")]
    [TestCase("BHS|^~\\&|E\r", TestName = "ReadMessages_BatchEndingInsideASegment_FailsTheLastMessageAsCutShort")]
    public void ReadMessages_EnvelopeLeftOpenAndNoLineBreakAtTheEnd_FailsTheLastMessageAsCutShort(string envelope)
    {
        // An upload or export broken off inside the last RXA's lot number (AB12345 → AB1).
        var items = ReadAllItems(envelope + Msh1 + "\r" + Pid + "\r" + Msh2 + "\r" + Pid + "\r" + "RXA|0|1|20240101||08^HepB^CVX|0.5|mL||||||||AB1", out var read);

        Assert.That(items.Select(i => (i.ControlId, i.Error?.CutShort)), Is.EqualTo(new[] { ((string?)"MSG1", (bool?)null), ("MSG2", true) }));
        Assert.That(items[1].Error!.Line, Is.EqualTo(envelope.Count(c => c == '\r') + 5), "the line the file ends on");
        Assert.That(read.Issues.Where(i => i.Kind == Hl7EnvelopeIssueKind.CutShort).Select(i => i.Line), Is.EqualTo(new[] { items[1].Error!.Line }));
    }

    [TestCase("BTS|2", TestName = "ReadMessages_TrailerJoinedToTheLastSegmentAtTheEnd_IsNotCutShort")]
    [TestCase("", TestName = "ReadMessages_NoEnvelopeAndNoLineBreakAtTheEnd_IsNotCutShort")]
    [TestCase("\rBTS|2\rFTS|1", TestName = "ReadMessages_TrailersWithoutALineBreakAtTheEnd_AreNotCutShort")]
    [TestCase("\r\0\0", TestName = "ReadMessages_NulPaddingAfterTheLastSegment_IsNotCutShort")]
    [TestCase("\r", TestName = "ReadMessages_OpenEnvelopeButALineBreakAtTheEnd_IsNotCutShort")]
    public void ReadMessages_LastSegmentEnded_IsNotCutShort(string ending)
    {
        var envelope = ending.Length == 0 ? string.Empty : "FHS|^~\\&|E\rBHS|^~\\&|E\r";

        var items = ReadAllItems(envelope + Msh1 + "\r" + Pid + "\r" + Msh2 + "\r" + Pid + ending, out var read);

        Assert.That(items.Select(i => (i.ControlId, i.Error)), Is.EqualTo(new[] { ((string?)"MSG1", (Hl7ParseError?)null), ("MSG2", null) }));
        Assert.That(read.Issues.Where(i => i.Kind == Hl7EnvelopeIssueKind.CutShort), Is.Empty);
    }

    private static List<(string? ControlId, Hl7ParseError? Error)> ReadAllItems(string text, out Hl7BatchEnvelope envelope)
    {
        using var reader = new Hl7BatchReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var items = reader.ReadMessages().Select(i => ((string?)i.Header.ControlId, i.Error)).ToList();
        envelope = reader.Envelope;
        return items;
    }

    [TestCase("NTE|1||AN FHS|A|B")]
    [TestCase("NTE|1||BHSX|^~\\&|")]
    [TestCase("NTE|1||PHS|^~\\&|")]
    public void ReadMessages_HeaderLikeTextInsideAValue_IsNotAHeader(string segment)
    {
        var items = ReadAll(string.Join("\r", Msh1, Pid, segment, Msh2, Pid), out var envelope);

        Assert.That(items.Select(i => (i.FirstLine, i.ControlId, i.Segments)), Is.EqualTo(new[] { (1, (string?)"MSG1", 3), (4, "MSG2", 2) }));
        Assert.That(envelope.Issues, Is.Empty);
    }

    [TestCase("NTE|1||PER MSH^NOTE|x")]
    [TestCase("NTE|1||LETTERS MSHAW")]
    [TestCase("NTE|1||ESCAPED MSH\\F\\^~\\E\\&\\F\\")]
    [TestCase("NTE|1||MSH|A|B|C")]
    public void ReadMessages_MshInsideAValue_IsNotAHeader(string segment)
    {
        var items = ReadAll(string.Join("\r", Msh1, Pid, segment, Msh2, Pid), out var envelope);

        Assert.That(items.Select(i => (i.FirstLine, i.ControlId, i.Segments)), Is.EqualTo(new[] { (1, (string?)"MSG1", 3), (4, "MSG2", 2) }));
        Assert.That(envelope.Issues, Is.Empty);
    }

    [Test]
    public void ReadMessages_LowerCaseMsh_StartsAMessageThatFailsSayingWhy()
    {
        var text = string.Join("\r", Msh1, Pid, "msh" + Msh2[3..], Pid, Msh1.Replace("MSG1", "MSG3"), Pid);

        var items = ReadAll(text, out _);

        Assert.That(items.Select(i => i.ControlId), Is.EqualTo(new[] { "MSG1", "MSG2", "MSG3" }));
        Assert.That(items[0].Error, Is.Null);
        Assert.That(items[1].Error, Does.Contain("'msh'").And.Contain("upper case"));
        Assert.That(items[2].Error, Is.Null);
    }

    [Test]
    public void ReadMessages_FormFeedBeforeBatchSegments_TakesThemAsTheirOwnKind()
    {
        var text = string.Join("\r\n", "\fBHS|^~\\&|EHR|CLINIC|||20240101||||BATCH7", Msh1, Pid, "\fBTS|1") + "\r\n";

        ReadAll(text, out var envelope);

        Assert.That(envelope.Batches.Select(b => b.Header.Field(11)), Is.EqualTo(new[] { "BATCH7" }));
        Assert.That(envelope.Batches[0].Trailer!.DeclaredCount, Is.EqualTo(1));
        Assert.That(envelope.FileTrailer, Is.Null);
        Assert.That(envelope.Issues, Is.Empty);
    }

    [Test]
    public void ReadMessages_Latin1Message_IsDecodedWithoutLoss()
    {
        var text = Msh1 + "\r" + "PID|1||1^^^X^MR||MU\u00d1OZ^JOS\u00c9";

        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(text));
        using var reader = new Hl7BatchReader(stream);
        var names = reader.ReadMessages().Select(i => i.Message!.TryFind("PID", out var pid) ? pid.Field(5).Component(1).Value : "").ToList();

        Assert.That(names, Is.EqualTo(new[] { "MU\u00d1OZ" }));
    }

    [Test]
    public void ReadMessages_MessageKeptAfterReaderMovesOn_ThrowsInsteadOfReadingOtherData()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Msh1 + "\r" + Pid + "\r" + Msh2 + "\r" + Pid));
        using var reader = new Hl7BatchReader(stream);
        var items = reader.ReadMessages().ToList();

        Assert.That(() => items[0].Message!.Header.Field(10).Value, Throws.InvalidOperationException);
    }

    [Test]
    public void ReadMessages_ClonedMessage_SurvivesTheReader()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Msh1 + "\r" + Pid + "\r" + Msh2 + "\r" + Pid));
        using var reader = new Hl7BatchReader(stream);
        var clones = reader.ReadMessages().Select(i => i.Message!.Clone()).ToList();

        Assert.That(clones.Select(m => m.Header.Field(10).Value), Is.EqualTo(new[] { "MSG1", "MSG2" }));
    }

    [Test]
    public void ReadMessages_NulByteInMessage_FailsThatMessageOnly()
    {
        var text = Msh1 + "\rPID|1||\0\r" + Msh2 + "\r" + Pid;

        var items = ReadAll(text, out _);

        Assert.That(items.Select(i => i.Error is null), Is.EqualTo(new[] { false, true }));
        Assert.That(items[0].Error, Does.Contain("NUL"));
    }

    [Test]
    public void ReadMessages_BtsWithoutBhsAndMissingFts_AreEnvelopeIssues()
    {
        var text = string.Join("\n", "FHS|^~\\&", Msh1, Pid, "BTS|1");

        ReadAll(text, out var envelope);

        Assert.That(envelope.Issues.Select(i => i.Line), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(envelope.Issues[0].Text, Does.Contain("without a BHS"));
        Assert.That(envelope.Issues[1].Text, Does.Contain("no FTS"));
    }

    /// <summary>Hands out one byte per read, as a slow network stream may.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}

using System.Text;
using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7MessageParseTests
{
    private const string Msh = Messages.Header;
    private const string Pid = "PID|1||12345^^^CLINIC^MR||Doe^Jane";
    private const string Rxa = "RXA|0|1|20240101||08^HepB^CVX";

    private static IEnumerable<TestCaseData> TerminatorCases()
    {
        yield return Row("CR", $"{Msh}\r{Pid}\r{Rxa}", 1, 2, 3);
        yield return Row("LF", $"{Msh}\n{Pid}\n{Rxa}", 1, 2, 3);
        yield return Row("CRLF", $"{Msh}\r\n{Pid}\r\n{Rxa}", 1, 2, 3);
        yield return Row("CR, trailing", $"{Msh}\r{Pid}\r{Rxa}\r", 1, 2, 3);
        yield return Row("CRLF, trailing blank lines", $"{Msh}\r\n{Pid}\r\n{Rxa}\r\n\r\n\r\n", 1, 2, 3);
        yield return Row("mixed CR, LF, CRLF", $"{Msh}\r{Pid}\n{Rxa}\r\nOBX|1", 1, 2, 3, 4);
        yield return Row("blank lines, CR", $"{Msh}\r\r{Pid}\r\r\r{Rxa}", 1, 3, 6);
        yield return Row("blank lines, LF", $"{Msh}\n\n{Pid}\n\n\n{Rxa}", 1, 3, 6);
        yield return Row("blank lines, CRLF", $"{Msh}\r\n\r\n{Pid}\r\n\r\n\r\n{Rxa}", 1, 3, 6);
        yield return Row("blank lines with white space", $"{Msh}\r\n  \r\n\t\r\n{Pid}", 1, 4);
        yield return Row("leading blank lines", $"\r\n\n\r{Msh}\r{Pid}", 4, 5);
        yield return Row("leading white space", $"  {Msh}\r\t{Pid}\r \t {Rxa}", 1, 2, 3);
        yield return Row("form feed alone between segments", $"{Msh}\f{Pid}", 1, 1);
        yield return Row("form feed at the start of a line", $"{Msh}\r\n\f{Pid}\r\n{Rxa}", 1, 2, 3);
        yield return Row("form feed on a line of its own", $"{Msh}\r\n\f\r\n{Pid}\r\n{Rxa}", 1, 3, 4);
        yield return Row("form feed at the end", $"{Msh}\r{Pid}\r\f", 1, 2);
    }

    private static IEnumerable<TestCaseData> FailureCases()
    {
        yield return Failure("empty text", string.Empty, 1, "empty");
        yield return Failure("only blank lines", "\r\n \r\n\t\r\n", 1, "empty");
        yield return Failure("PID first", $"{Pid}\r{Msh}", 1, "does not start with an MSH");
        yield return Failure("PID first after blank lines", $"\r\n\r\n{Pid}\r\n{Msh}", 3, "does not start with an MSH");
        yield return Failure("batch header first", $"FHS|^~\\&|EHR\r{Msh}", 1, "does not start with an MSH");
        yield return Failure("lower-case msh", $"msh|^~\\&|EHR\r{Pid}", 1, "written 'msh'; segment ids are upper case");
        yield return Failure("MSH-2 too short", $"MSH|^|EHR\r{Pid}", 1, "MSH-2");
        yield return Failure("MSH-2 too long", $"MSH|^~\\&#%|EHR\r{Pid}", 1, "MSH-2");
        yield return Failure("MSH-2 repeats a delimiter", $"MSH|^~\\^|EHR\r{Pid}", 1, "distinct");
        yield return Failure("MSH alone", "MSH", 1, "too short");
        yield return Failure("lower-case segment id", $"{Msh}\rpid|1", 2, "not an HL7 segment: its id is written 'pid'; segment ids are upper case (PID)");
        yield return Failure("lower-case Z-segment id", $"{Msh}\r{Pid}\rzvx|1|vendor", 3, "not an HL7 segment: its id is written 'zvx'; segment ids are upper case (ZVX)");
        yield return Failure("mixed-case segment id", $"{Msh}\rPid|1", 2, "its id is written 'Pid'; segment ids are upper case (PID)");
        yield return Failure("free text with a field separator", $"{Msh}\rPID|1\rsee|note", 3, "the segment before it may have been split across two lines");
        yield return Failure("id not followed by the field separator", $"{Msh}\rPID1|2", 2, "not an HL7 segment");
        yield return Failure("id followed by a tab", $"{Msh}\r{Pid}\rRXR\tC28161", 3, "not followed by the field separator");
        yield return Failure("header split across two lines", $"MSH|^~\\&|EHR|CLINIC||||20240101||VXU^V04|CTL-00\r\n2|P|2.5.1\r{Pid}", 2, "not an HL7 segment");
        yield return Failure("id followed by a comma", $"{Msh}\r{Pid}\rRXA,0,1", 3, "not followed by the field separator");
        yield return Failure("a second MSH", $"{Msh}\r{Pid}\r{Msh}", 3, "second MSH");
        yield return Failure(
            "field separator declared as #, segment uses |",
            $"MSH#$*!@#EHR\r{Pid}",
            2,
            "field separator '#'");
    }

    [TestCaseSource(nameof(TerminatorCases))]
    public void Parse_SegmentTerminators_FindsEverySegmentOnItsLine(string text, int[] expectedLines)
    {
        var message = Messages.Parse(text);

        var lines = Enumerable.Range(0, message.SegmentCount).Select(i => message[i].Line).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Is.EqualTo(expectedLines));
            Assert.That(message.FirstLine, Is.EqualTo(expectedLines[0]));
            Assert.That(message.Header.Id, Is.EqualTo("MSH"));
        }
    }

    [TestCaseSource(nameof(TerminatorCases))]
    public void Parse_SegmentTerminators_KeepsNoTerminatorOrWhiteSpaceInASegment(string text, int[] expectedLines)
    {
        var message = Messages.Parse(text);

        Assert.That(message.SegmentCount, Is.EqualTo(expectedLines.Length));
        for (int i = 0; i < message.SegmentCount; i++)
        {
            string segment = message[i].ToString();
            Assert.That(segment, Is.AnyOf(Msh, Pid, Rxa, "OBX|1"));
        }
    }

    [TestCaseSource(nameof(FailureCases))]
    public void Parse_TextThatIsNotAMessage_FailsNamingTheLine(string text, int expectedLine, string reason)
    {
        var result = Hl7Message.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Message, Is.Null);
            Assert.That(result.Error?.Line, Is.EqualTo(expectedLine));
            Assert.That(result.Error?.Reason, Does.Contain(reason));
        }
    }

    [Test]
    public void Parse_FirstLineGiven_CountsLinesFromIt()
    {
        var message = Messages.Parse(Messages.Join("\r\n", "", Msh, Pid));

        var offset = Hl7Message.Parse(message.ToString(), firstLine: 41).Message!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(offset.FirstLine, Is.EqualTo(42));
            Assert.That(offset.Header.Line, Is.EqualTo(42));
            Assert.That(offset[1].Line, Is.EqualTo(43));
        }
    }

    [Test]
    public void Parse_FirstLineGivenAndABrokenLine_NamesTheLineOfTheFile()
    {
        var result = Hl7Message.Parse($"{Msh}\r\n{Pid}\r\nRXA,0,1", firstLine: 100);

        Assert.That(result.Error?.Line, Is.EqualTo(102));
    }

    private static IEnumerable<TestCaseData> ContinuationCases()
    {
        yield return new TestCaseData($"{Msh}\r\nPID|1||12345^^^CLINIC^MR||Doe^\r\nJane^Q||20200101|F\r\n{Rxa}", 5, 2, "Jane", new[] { 3 }).SetArgDisplayNames("name split after a component separator");
        yield return new TestCaseData($"{Msh}\rPID|1||123^^^CLINIC^MR||Doe^Jane||||||1 MAIN ST\rAPT 4B^^FARGO^ND\r{Rxa}", 11, 1, "1 MAIN ST APT 4B", new[] { 3 }).SetArgDisplayNames("address split inside a component");
        yield return new TestCaseData($"{Msh}\n{Pid}||20200101|F|||1 MAIN\nST^FARGO\nND|||||||||||||||||||Y\n{Rxa}", 11, 1, "1 MAIN ST", new[] { 3, 4 }).SetArgDisplayNames("two breaks, fields after them");
        yield return new TestCaseData($"{Msh}\n\n{Pid}||20200101\n\n|F\n{Rxa}", 8, 1, "F", new[] { 5 }).SetArgDisplayNames("after blank lines");
    }

    /// <summary>A line that starts no segment is the rest of the one before it (a raw line break in a value): one segment, its fields found across the break, the break read as a space.</summary>
    [TestCaseSource(nameof(ContinuationCases))]
    public void Parse_LineThatStartsNoSegment_ContinuesTheSegmentBeforeIt(string text, int field, int component, string value, int[] continued)
    {
        var message = Messages.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Enumerable.Range(0, message.SegmentCount).Select(i => message[i].Id), Is.EqualTo(new[] { "MSH", "PID", "RXA" }));
            Assert.That(message[1].Field(field).Component(component).Value.Trim(), Is.EqualTo(value));
            Assert.That(message.ContinuedLines, Is.EqualTo(continued));
            Assert.That(message[2].Field(5).Component(1).Value, Is.EqualTo("08"), "the segment after it is read as before");
            Assert.That(message[2].Line, Is.EqualTo(continued[^1] + 1));
        }
    }

    [Test]
    public void Parse_ContinuedSegment_KeepsItsLaterFieldsNumbered()
    {
        var message = Messages.Parse($"{Msh}\rNTE|1||Tolerated well.\rParent given VIS.|extra\r{Rxa}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message[1].Field(3).Value, Is.EqualTo("Tolerated well. Parent given VIS."));
            Assert.That(message[1].Field(4).Value, Is.EqualTo("extra"));
            Assert.That(message[1].FieldCount, Is.EqualTo(4));
            Assert.That(message.Clone()[1].Field(3).Value, Is.EqualTo("Tolerated well. Parent given VIS."));
            Assert.That(new[] { message[1].Field(3).Location.Line, message[1].Field(4).Location.Line, message[2].Field(1).Location.Line }, Is.EqualTo(new[] { 2, 3, 4 }), "each field on the line it starts on");
        }
    }

    /// <summary>HL7 lets a sender leave out the sub-component separator, and then the escape character, when it uses none: they are then plain text.</summary>
    [TestCase("MSH|^~\\|EHR\rPID|1||A&B^^^CLINIC^MR|x\\F\\y", "A&B", "x|y", "^~\\")]
    [TestCase("MSH|^~|EHR\rPID|1||A&B^^^CLINIC^MR|x\\F\\y", "A&B", "x\\F\\y", "^~")]
    [TestCase("MSH|^~\\&|EHR\rPID|1||A&B^^^CLINIC^MR|x\\F\\y", "A", "x|y", "^~\\&")]
    public void Parse_EncodingCharactersLeftOut_AreNotDelimiters(string text, string identifier, string field4, string encoding)
    {
        var message = Messages.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message[1].Field(3).Component(1).SubComponent(1).Value, Is.EqualTo(identifier));
            Assert.That(message[1].Field(4).Value, Is.EqualTo(field4));
            Assert.That(message.Delimiters.EncodingCharacters, Is.EqualTo(encoding));
        }
    }

    [Test]
    public void Parse_TrailingSpacesAfterTheLastField_AreNotPartOfIt()
    {
        var message = Messages.Parse($"{Msh}  \r\nPID|1|abc  \r\nORC|RE|| \t\r\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Header.Field(12).Value, Is.EqualTo("2.5.1"));
            Assert.That(message[1].Field(2).Value, Is.EqualTo("abc"));
            Assert.That(message[2].FieldCount, Is.EqualTo(3));
            Assert.That(message[2].Field(3).IsEmpty, Is.True);
        }
    }

    [Test]
    public void Parse_SpacesInsideAField_AreKept()
    {
        var message = Messages.Parse($"{Msh}\rNTE|1|| two  spaces |");

        Assert.That(message[1].Field(3).Value, Is.EqualTo(" two  spaces "));
    }

    [Test]
    public void Parse_Text_IsKeptExactly()
    {
        string text = $"\r\n {Msh}\r\n{Pid}  \r\n\r\n";

        Assert.That(Messages.Parse(text).ToString(), Is.EqualTo(text));
    }

    [Test]
    public void Parse_EachMessage_ReadsItsOwnDelimiters()
    {
        var standard = Messages.Parse($"{Msh}\rPID|1||A^B~C");
        var unusual = Messages.Parse("MSH#$*!@#EHR\rPID#1##A$B*C#x!F!y");
        var again = Messages.Parse($"{Msh}\rPID|1||A^B~C");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(standard.Delimiters, Is.EqualTo(Hl7Delimiters.Default));
            Assert.That(unusual.Delimiters, Is.EqualTo(new Hl7Delimiters('#', '$', '*', '!', '@')));
            Assert.That(again.Delimiters, Is.EqualTo(Hl7Delimiters.Default));
            Assert.That(unusual[1].Field(3).Component(2).Value, Is.EqualTo("B"));
            Assert.That(unusual[1].Field(3).Repetition(2).Value, Is.EqualTo("C"));
            Assert.That(unusual[1].Field(4).Value, Is.EqualTo("x#y"));
            Assert.That(again[1].Field(3).Component(2).Value, Is.EqualTo("B"));
        }
    }

    [Test]
    public void Parse_TruncationCharacterDeclared_IsAcceptedAndNotADelimiter()
    {
        var message = Messages.Parse("MSH|^~\\&#|EHR|CLINIC\rNTE|1||#1 dose^x|");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Delimiters.Truncation, Is.EqualTo('#'));
            Assert.That(message.Header.Field(2).Value, Is.EqualTo("^~\\&#"));
            Assert.That(message.Header.Field(3).Value, Is.EqualTo("EHR"));
            Assert.That(message[1].Field(3).Component(1).Value, Is.EqualTo("#1 dose"));
        }
    }

    [Test]
    public void Parse_ZAndUnknownSegments_AreKept()
    {
        var message = Messages.Parse($"{Msh}\rZXY|1|local\rAB1|x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message[1].Id, Is.EqualTo("ZXY"));
            Assert.That(message[1].Field(2).Value, Is.EqualTo("local"));
            Assert.That(message[2].Id, Is.EqualTo("AB1"));
        }
    }

    [Test]
    public void Parse_SegmentWithoutFields_IsASegment()
    {
        var message = Messages.Parse($"{Msh}\rPV1\r{Pid}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message[1].Id, Is.EqualTo("PV1"));
            Assert.That(message[1].FieldCount, Is.Zero);
            Assert.That(message[1].Field(1).IsEmpty, Is.True);
        }
    }

    [Test]
    public void Parse_Utf8FileWithByteOrderMark_IsAMessage()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"{Msh}\r{Pid}")];

        var result = Hl7Message.Parse(Hl7TextDecoder.Decode(bytes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, () => result.Error!.Reason);
            Assert.That(result.Message?.Header.Field(3).Value, Is.EqualTo("EHR"));
        }
    }

    [Test]
    public void Parse_ScrambledByteOrderMarkInALatin1Message_IsSkippedBeforeTheHeaderOnly()
    {
        // BB EF BF is no BOM, so the message is not valid UTF-8 and is read as Latin-1 ("»ï¿"),
        // whose bytes the reader already skips before MSH; a final ï of a value stays.
        byte[] bytes = [0xBB, 0xEF, 0xBF, .. Encoding.Latin1.GetBytes($"{Msh}\r{Pid}^Zo\u00EF")];

        var result = Hl7Message.Parse(Hl7TextDecoder.Decode(bytes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.True, () => result.Error!.Reason);
            Assert.That(result.Message?.Header.Field(3).Value, Is.EqualTo("EHR"));
            Assert.That(Hl7MessageHeader.Read(Hl7TextDecoder.Decode(bytes)).ControlId, Is.EqualTo(result.Message?.Header.Field(10).Value).And.Not.Empty);
            Assert.That(Hl7TextDecoder.Decode(bytes), Does.EndWith("Zo\u00EF"));
            Assert.That(result.Message?[result.Message.SegmentCount - 1].ToString(), Does.EndWith("Zo\u00EF"));
        }
    }

    [TestCase("CTL^PART")]
    [TestCase("  PAD-1  ")]
    [TestCase("A\\T\\B")]
    [TestCase("\"\"")]
    public void ReadHeader_ControlId_IsReadAsTheParsedMessageReadsIt(string controlId)
    {
        // MSA-2 echoes MSH-10 whether or not the rest of the message could be parsed.
        var text = $"MSH|^~\\&|EHR|CLINIC|||20240101||VXU^V04|{controlId}|P|2.5.1\r{Pid}";
        var parsed = Hl7Message.Parse(text).Message!;

        Assert.That(Hl7MessageHeader.Read(text).ControlId, Is.EqualTo(parsed.Header.Field(10).Value));
    }

    [TestCase("CTL^PART", "CTL^PART")]
    [TestCase("  PAD-1  ", "  PAD-1  ")]
    [TestCase("A\\T\\B", "A\\T\\B")]
    [TestCase("\"\"", null)]
    [TestCase("", null)]
    public void ReadHeader_ControlIdAsSent_IsTheRawFieldAsTheParsedMessageGivesIt(string controlId, string? asSent)
    {
        var text = $"MSH|^~\\&|EHR|CLINIC|||20240101||VXU^V04|{controlId}|P|2.5.1\r{Pid}";
        var parsed = Hl7Message.Parse(text).Message!;

        Assert.That(Hl7MessageHeader.Read(text).ControlIdAsSent, Is.EqualTo(asSent));
        Assert.That(Hl7MessageHeader.From(parsed).ControlIdAsSent, Is.EqualTo(asSent));
    }

    /// <summary>MSH-2 left out: the fields stand one place early, and the header is read so (MSA-2 echoed MSH-11 before).</summary>
    [Test]
    public void ReadHeader_EncodingCharactersLeftOut_ReadsTheFieldsOnePlaceEarly()
    {
        var header = Hl7MessageHeader.Read($"MSH|EHR|CLINIC|ICARE|IDPH|20240101||VXU^V04|MSG7|P|2.5.1\r{Pid}");

        Assert.That(
            (header.SendingApplication, header.SendingFacility, header.ControlId, header.ControlIdAsSent, header.ProcessingId, header.Version, header.MessageType, header.TriggerEvent),
            Is.EqualTo(("EHR", "CLINIC", "MSG7", "MSG7", "P", "2.5.1", "VXU", "V04")));
    }

    [Test]
    public void ReadHeader_EncodingCharactersWrongButPresent_ReadsTheFieldsInPlace()
    {
        var header = Hl7MessageHeader.Read($"MSH|^^~\\&|EHR|CLINIC|||20240101||VXU^V04|MSG7|P|2.5.1\r{Pid}");

        Assert.That((header.SendingApplication, header.ControlId), Is.EqualTo(("EHR", "MSG7")));
    }

    [Test]
    public void ReadHeader_OtherDelimiters_HasNoControlIdAsSent()
    {
        var text = $"MSH|#~\\&|EHR|CLINIC|||20240101||VXU#V04|MSG\\S\\7|P|2.5.1\r{Pid}";

        Assert.That(Hl7MessageHeader.Read(text).ControlIdAsSent, Is.Null);
        Assert.That(Hl7MessageHeader.Read(text).ControlId, Is.EqualTo("MSG#7"));
    }

    private static TestCaseData Row(string name, string text, params int[] lines) =>
        new TestCaseData(text, lines).SetArgDisplayNames(name);

    private static TestCaseData Failure(string name, string text, int line, string reason) =>
        new TestCaseData(text, line, reason).SetArgDisplayNames(name);
}

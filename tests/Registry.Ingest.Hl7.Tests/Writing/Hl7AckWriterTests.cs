using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

[TestFixture]
internal sealed class Hl7AckWriterTests
{
    private const string Msh251 = "MSH|^~\\&|ICARE|IDPH|MYEHR|DCS0067|20240131142509-0600||ACK^V04^ACK|ACK00001|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r";

    private static readonly TestCaseData[] Locations =
    [
        new TestCaseData(null, "").SetName("Write_NoLocation_LeavesErr2Empty"),
        new TestCaseData(default(Hl7Location), "").SetName("Write_DefaultLocation_LeavesErr2Empty"),
        new TestCaseData(new Hl7Location("PID", 1), "PID^1").SetName("Write_SegmentLocation_WritesSegmentAndSequence"),
        new TestCaseData(new Hl7Location("PID", 1, 7), "PID^1^7^1").SetName("Write_FieldLocation_DefaultsRepetitionToOne"),
        new TestCaseData(new Hl7Location("PID", 1, 3, 2), "PID^1^3^2").SetName("Write_RepetitionLocation_WritesRepetition"),
        new TestCaseData(new Hl7Location("PID", 1, 5, 1, 2), "PID^1^5^1^2").SetName("Write_ComponentLocation_WritesComponent"),
        new TestCaseData(new Hl7Location("PID", 1, 5, 0, 2), "PID^1^5^1^2").SetName("Write_ComponentWithoutRepetition_DefaultsRepetitionToOne"),
        new TestCaseData(new Hl7Location("RXA", 2, 5, 1, 1, 2), "RXA^2^5^1^1^2").SetName("Write_SubComponentLocation_WritesAllSixParts"),
        new TestCaseData(new Hl7Location("RXA", 2, 5, 0, 0, 3), "RXA^2^5^1^1^3").SetName("Write_SubComponentWithoutComponent_DefaultsComponentToOne"),
        new TestCaseData(new Hl7Location("OBX", 3, 5, Line: 42), "OBX^3^5^1").SetName("Write_LocationWithLine_LeavesTheLineOut"),
    ];

    private readonly Hl7AckWriter writer = new(AckSamples.Options);

    [Test]
    public void Write_AcceptedVersion251_IsTheZ23Ack()
    {
        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept));

        Assert.That(text, Is.EqualTo(Msh251 + "MSA|AA|MSG00001\r"));
    }

    [Test]
    public void Write_ErrorsGivenWarningFirst_WritesErrorsBeforeWarningsBeforeInformation()
    {
        var ack = AckSamples.AckFor(
            AckSamples.Vxu251, Hl7AckCode.Error, AckSamples.Historical, AckSamples.SourceNotInTable, AckSamples.BirthDateMissing, AckSamples.LotMissing);

        var text = writer.Write(ack);

        Assert.That(text, Is.EqualTo(
            Msh251 +
            "MSA|AE|MSG00001\r" +
            "ERR||PID^1^7^1|101^Required field missing^HL70357|E|7^Required data missing^HL70533|||Birth date is missing\r" +
            "ERR||RXA^1^9^1|103^Table value not found^HL70357|W|5^Table value not found^HL70533|||Information source is not in NIP001\r" +
            "ERR||RXA^2^15^1|101^Required field missing^HL70357|W||||Lot number is missing\r" +
            "ERR|||0^Message accepted^HL70357|I||||Historical dose recorded\r"));
    }

    [Test]
    public void Write_Version231_IsTheOlderAckWithOneRepeatingErr()
    {
        var unexplained = new Hl7AckError(new Hl7Location("RXA", 1, 9, 1), Hl7ErrorCodes.TableValueNotFound, Hl7ErrorSeverity.Warning, "");
        var ack = AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Error, unexplained, AckSamples.BirthDateMissing, AckSamples.Historical);

        var text = writer.Write(ack);

        Assert.That(text, Is.EqualTo(
            "MSH|^~\\&|ICARE|IDPH|MYEHR|DCS0067|20240131142509-0600||ACK^V04|ACK00001|T|2.3.1|||NE|NE\r" +
            "MSA|AE|MSG00002|Application error\r" +
            "ERR|PID^1^7^101&Birth date is missing&HL70357~RXA^1^9^103&Table value not found&HL70357~^^^0&Historical dose recorded&HL70357\r"));
    }

    [Test]
    public void Write_AcceptedVersion231_HasNoErrAndNoMsa3()
    {
        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Accept));

        Assert.That(text, Does.EndWith("|2.3.1|||NE|NE\rMSA|AA|MSG00002\r"));
    }

    [Test]
    public void Write_Version231AndProcessingIdPaddedWithSpaces_IsThe231AckEchoingTheCodes()
    {
        // Fixed-width exports pad fields: validation takes "2.3.1 " as 2.3.1, so must the ACK's form.
        var padded = AckSamples.Vxu231.Replace("|T|2.3.1\r", "|T |2.3.1 \r", StringComparison.Ordinal);

        var text = writer.Write(AckSamples.AckFor(padded, Hl7AckCode.Accept));

        Assert.That(text, Is.EqualTo("MSH|^~\\&|ICARE|IDPH|MYEHR|DCS0067|20240131142509-0600||ACK^V04|ACK00001|T|2.3.1|||NE|NE\rMSA|AA|MSG00002\r"));
    }

    [Test]
    public void Write_UnsupportedVersion_WritesThe251FormAndSaysSo()
    {
        // As the guide's own AR example for an unsupported version: MSH-12 names the form written
        // (a Z23 ACK claiming 2.4 would contradict itself); ERR points at the incoming MSH-12.
        var incoming = AckSamples.Vxu251.Replace("|P|2.5.1|", "|P|2.4|", StringComparison.Ordinal);
        var error = new Hl7AckError(new Hl7Location("MSH", 1, 12), Hl7ErrorCodes.UnsupportedVersionId, Hl7ErrorSeverity.Error, "Version 2.4 is not supported");

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Reject, error));

        Assert.That(text, Is.EqualTo(
            Msh251 +
            "MSA|AR|MSG00001\r" +
            "ERR||MSH^1^12^1|203^Unsupported version id^HL70357|E||||Version 2.4 is not supported\r"));
    }

    [TestCase("X", "P")]
    [TestCase("", "P")]
    [TestCase("Q", "P")]
    [TestCase("D", "D")]
    [TestCase("T", "T")]
    public void Write_ProcessingId_EchoesOnlyACodeOfTable0103(string incoming, string written)
    {
        // The ACK of a message rejected for its MSH-11 (AR 202) must still carry a valid one of its own.
        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu251.Replace("|MSG00001|P|", $"|MSG00001|{incoming}|", StringComparison.Ordinal), Hl7AckCode.Reject));

        Assert.That(AckSamples.Parse(text).Header.Field(11).Value, Is.EqualTo(written));
    }

    [TestCase("ID\u000BX", "ID\\X0B\\X")] // MLLP's start byte
    [TestCase("ID\u001CX", "ID\\X1C\\X")] // MLLP's end byte
    [TestCase("ID\tX", "ID\\X09\\X")]
    public void Write_ControlIdWithAControlCharacter_EchoesItEscaped(string controlId, string echoed)
    {
        // Echoed raw, it broke the ACK's line or, forwarded over MLLP, its frame.
        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu251.Replace("|MSG00001|", $"|{controlId}|", StringComparison.Ordinal), Hl7AckCode.Accept));

        Assert.That(text, Does.EndWith($"MSA|AA|{echoed}\r"));
        Assert.That(AckSamples.Parse(text)[1].Field(2).Value, Is.EqualTo(controlId));
    }

    [Test]
    public void Write_ControlIdWithTheTruncationEscape_IsNotEchoedUnderOurDelimiters()
    {
        // \P\ is the truncation character only where MSH-2 declares one; the ACK's does not.
        var incoming = AckSamples.Vxu251.Replace("MSH|^~\\&|", "MSH|^~\\&#|", StringComparison.Ordinal).Replace("|MSG00001|", "|A\\P\\B|", StringComparison.Ordinal);

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Accept));

        Assert.That(text, Does.EndWith("MSA|AA|A#B\r"));
    }

    [Test]
    public void Write_EchoedFacilityOutsideAscii_DeclaresUtf8InMsh18()
    {
        // Table 0211: no MSH-18 means ASCII; the ACK file is UTF-8, and the name echoed is not ASCII.
        var incoming = AckSamples.Vxu251.Replace("|MYEHR|DCS0067|", "|MYEHR|CL\u00CDNICA|", StringComparison.Ordinal);

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Accept));

        Assert.That(text, Is.EqualTo(
            Msh251.Replace("|DCS0067|", "|CL\u00CDNICA|", StringComparison.Ordinal).Replace("|NE|NE|||||Z23", "|NE|NE||UNICODE UTF-8|||Z23", StringComparison.Ordinal) +
            "MSA|AA|MSG00001\r"));
    }

    [Test]
    public void Write_Version231ErrorTextOutsideAscii_DeclaresUnicodeInMsh18()
    {
        var error = new Hl7AckError(new Hl7Location("RXA", 1, 5), Hl7ErrorCodes.TableValueNotFound, Hl7ErrorSeverity.Warning, "Code 'VAC\u00DCNA' is not known");

        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Accept, error));

        Assert.That(text, Does.StartWith("MSH|^~\\&|ICARE|IDPH|MYEHR|DCS0067|20240131142509-0600||ACK^V04|ACK00001|T|2.3.1|||NE|NE||UNICODE\r"));
    }

    [Test]
    public void Write_UserMessageLongerThanTheProfileAllows_IsCutTo250Characters()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 80)); // 399 characters
        var error = new Hl7AckError(new Hl7Location("RXA", 1, 5), Hl7ErrorCodes.TableValueNotFound, Hl7ErrorSeverity.Warning, words);

        var message = AckSamples.Parse(writer.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept, error)));

        Assert.That(message.TryFind("ERR", out var err), Is.True);
        var written = err.Field(8).Value;
        Assert.That(written, Has.Length.LessThanOrEqualTo(Hl7AckError.MaxUserMessageLength));
        Assert.That(written, Does.EndWith("word..."));
        Assert.That(words, Does.StartWith(written[..^3]));
    }

    [Test]
    public void Write_UnparseableMessage_LeavesMsa2EmptyAndUsesOurNames()
    {
        var text = writer.Write(AckSamples.Unparseable());

        // No processing id to echo: the ACK's own (MSH-11 is required) is P.
        Assert.That(text, Is.EqualTo(
            "MSH|^~\\&|ICARE|IDPH^2.16.840.1.114222.4.1.1^ISO|||20240131142509-0600||ACK^V04^ACK|ACK00009|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r" +
            "MSA|AR\r" +
            "ERR|||207^Application internal error^HL70357|E||||The message could not be read\r"));
    }

    [Test]
    public void Write_SenderNamedItsReceiver_EchoesItInsteadOfOurDefaults()
    {
        var incoming = AckSamples.Vxu251.Replace("|ICARE|IDPH|", "|IIS^1.2.3^ISO|STATE|", StringComparison.Ordinal);

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Accept));

        Assert.That(text, Does.StartWith("MSH|^~\\&|IIS^1.2.3^ISO|STATE|MYEHR|DCS0067|"));
    }

    // A fixed-width export pads its ids; escaped anew, "CTRL1   " came back as CTRL1\X20\..., which
    // the sender's engine could not match with the message it sent.
    [TestCase("CTRL1   ")]
    [TestCase("CID^1")]
    [TestCase("CID\\E\\5")]
    [TestCase("A&B~C")]
    public void Write_ControlIdPaddedOrHoldingDelimiters_IsEchoedInMsa2AsSent(string controlId)
    {
        var incoming = AckSamples.Vxu251.Replace("|MSG00001|", $"|{controlId}|", StringComparison.Ordinal);
        Assert.That(incoming, Does.Contain($"|{controlId}|P|"));

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Accept));

        Assert.That(text, Does.EndWith($"\rMSA|AA|{controlId}\r"));
    }

    [Test]
    public void For_IncomingWithOtherDelimiters_EchoesItsValuesInOurDelimiters()
    {
        var incoming = "MSH|#~\\&|EHR#1.2.3#ISO|A^B|ICARE|IDPH|20240131120000||VXU#V04|MSG\\S\\7|P|2.5.1\r";

        var text = writer.Write(AckSamples.AckFor(incoming, Hl7AckCode.Accept));

        Assert.That(text, Is.EqualTo(
            "MSH|^~\\&|ICARE|IDPH|EHR^1.2.3^ISO|A\\S\\B|20240131142509-0600||ACK^V04^ACK|ACK00001|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r" +
            "MSA|AA|MSG#7\r"));
    }

    [Test]
    public void Write_DelimitersAndLineBreaksInTheUserMessage_AreEscapedInErr8()
    {
        var error = new Hl7AckError(null, Hl7ErrorCodes.DataTypeError, Hl7ErrorSeverity.Error, "a|b^c~d\\e&f\r\ng");

        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Error, error));

        Assert.That(text, Does.EndWith("MSA|AE|MSG00001\rERR|||102^Data type error^HL70357|E||||a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\X0D\\\\X0A\\g\r"));
    }

    [Test]
    public void Write_DelimitersInTheVersion231Message_AreEscapedInTheTextSubComponent()
    {
        var error = new Hl7AckError(new Hl7Location("PID", 1, 5), Hl7ErrorCodes.RequiredFieldMissing, Hl7ErrorSeverity.Error, "Name & birth date ^ missing");

        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Error, error));

        Assert.That(text, Does.EndWith("\rERR|PID^1^5^101&Name \\T\\ birth date \\S\\ missing&HL70357\r"));
    }

    [TestCaseSource(nameof(Locations))]
    public void Write_Location_IsErr2(Hl7Location? location, string expected)
    {
        var error = new Hl7AckError(location, Hl7ErrorCodes.DataTypeError, Hl7ErrorSeverity.Error, "x");

        var text = writer.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Error, error));

        Assert.That(text, Does.EndWith("\rERR||" + expected + "|102^Data type error^HL70357|E||||x\r"));
    }

    [Test]
    public void Write_ToAStringBuilder_AppendsAfterWhatIsThere()
    {
        var text = new System.Text.StringBuilder("before\r");

        writer.Write(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept), text);

        Assert.That(text.ToString(), Is.EqualTo("before\r" + Msh251 + "MSA|AA|MSG00001\r"));
    }
}

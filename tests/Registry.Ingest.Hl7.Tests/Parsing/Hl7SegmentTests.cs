using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7SegmentTests
{
    private static IEnumerable<TestCaseData> HeaderFields()
    {
        // MSH-1 is the field separator itself, so the n-th piece after it is MSH-(n+1).
        yield return new TestCaseData(1).Returns("|");
        yield return new TestCaseData(2).Returns(@"^~\&");
        yield return new TestCaseData(3).Returns("EHR");
        yield return new TestCaseData(4).Returns("CLINIC");
        yield return new TestCaseData(7).Returns("20240101120000");
        yield return new TestCaseData(8).Returns(string.Empty);
        yield return new TestCaseData(9).Returns("VXU^V04^VXU_V04");
        yield return new TestCaseData(10).Returns("MSG001");
        yield return new TestCaseData(12).Returns("2.5.1");
        yield return new TestCaseData(13).Returns(string.Empty);
    }

    private static IEnumerable<TestCaseData> UnusualHeaderFields()
    {
        yield return new TestCaseData(1).Returns("#");
        yield return new TestCaseData(2).Returns("$*!@");
        yield return new TestCaseData(3).Returns("EHR");
        yield return new TestCaseData(9).Returns("VXU$V04");
        yield return new TestCaseData(10).Returns("MSG!F!1");
    }

    [TestCaseSource(nameof(HeaderFields))]
    public string Field_Msh_IsNumberedFromTheFieldSeparator(int field) =>
        new string(Messages.Parse(Messages.Header).Header.Field(field).Raw);

    [TestCaseSource(nameof(UnusualHeaderFields))]
    public string Field_MshWithUnusualDelimiters_IsNumberedFromTheFieldSeparator(int field) =>
        new string(Messages.Parse("MSH#$*!@#EHR######VXU$V04#MSG!F!1").Header.Field(field).Raw);

    [Test]
    public void Field_MshWithUnusualDelimiters_SplitsAndDecodesWithThem()
    {
        var header = Messages.Parse("MSH#$*!@#EHR######VXU$V04#MSG!F!1").Header;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(header.Field(9).Component(2).Value, Is.EqualTo("V04"));
            Assert.That(header.Field(10).Value, Is.EqualTo("MSG#1"));
            Assert.That(header.FieldCount, Is.EqualTo(10));
        }
    }

    [Test]
    public void Field_Msh1AndMsh2_AreNotSplitOrDecoded()
    {
        var header = Messages.Parse(Messages.Header).Header;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(header.Field(1).Value, Is.EqualTo("|"));
            Assert.That(header.Field(2).Value, Is.EqualTo(@"^~\&"));
            Assert.That(header.Field(2).Component(1).Value, Is.EqualTo(@"^~\&"));
            Assert.That(header.Field(2).Component(2).IsEmpty, Is.True);
            Assert.That(header.Field(2).Repetition(1).Value, Is.EqualTo(@"^~\&"));
            Assert.That(header.Field(2).RepetitionCount, Is.EqualTo(1));
            Assert.That(header.Field(2).ComponentCount, Is.EqualTo(1));
        }
    }

    [Test]
    public void Field_BatchHeaderInsideAMessage_IsNumberedLikeMsh()
    {
        var segment = Messages.Segment(@"BHS|^~\&|EHR|CLINIC");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(segment.IsHeader, Is.True);
            Assert.That(segment.Field(1).Value, Is.EqualTo("|"));
            Assert.That(segment.Field(2).Value, Is.EqualTo(@"^~\&"));
            Assert.That(segment.Field(3).Value, Is.EqualTo("EHR"));
            Assert.That(segment.FieldCount, Is.EqualTo(4));
        }
    }

    [TestCase("PID|1||12345||Doe^Jane", 1, "1")]
    [TestCase("PID|1||12345||Doe^Jane", 2, "")]
    [TestCase("PID|1||12345||Doe^Jane", 3, "12345")]
    [TestCase("PID|1||12345||Doe^Jane", 5, "Doe^Jane")]
    [TestCase("PID|1||12345||Doe^Jane", 6, "")]
    [TestCase("PID|1||12345||Doe^Jane", 100, "")]
    [TestCase("PID|1||12345||", 5, "")]
    [TestCase("PID|1||12345||", 6, "")]
    [TestCase("PID", 1, "")]
    [TestCase("PID|", 1, "")]
    [TestCase("PID|", 2, "")]
    public void Field_OrdinarySegment_IsNumberedAfterTheId(string segment, int field, string expected) =>
        Assert.That(new string(Messages.Segment(segment).Field(field).Raw), Is.EqualTo(expected));

    [TestCase("PID", 0)]
    [TestCase("PID|", 1)]
    [TestCase("PID|1||12345||Doe^Jane", 5)]
    [TestCase("PID|1||12345||Doe^Jane|", 6)]
    [TestCase(@"MSH|^~\&", 2)]
    [TestCase(@"MSH|^~\&|", 3)]
    public void FieldCount_Segment_IsTheNumberOfTheLastField(string segment, int expected)
    {
        var message = Messages.Parse(segment.StartsWith("MSH", StringComparison.Ordinal) ? segment : $"{Messages.Header}\r{segment}");

        Assert.That(message[message.SegmentCount - 1].FieldCount, Is.EqualTo(expected));
    }

    [Test]
    public void Field_NumberBelowOne_Throws() =>
        Assert.That(() => Messages.Segment("PID|1").Field(0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Sequence_RepeatedSegmentIds_CountsEachIdWithinTheMessage()
    {
        var message = Messages.Parse(Messages.Join("\r", Messages.Vxu) + "\rORC|RE\rRXA|0|1\rOBX|1\rNTE|1");

        var actual = Enumerable.Range(0, message.SegmentCount).Select(i => $"{message[i].Id}{message[i].Sequence}").ToArray();

        Assert.That(string.Join(" ", actual), Is.EqualTo("MSH1 PID1 ORC1 RXA1 OBX1 OBX2 ORC2 RXA2 OBX3 NTE1"));
    }

    [Test]
    public void Segment_Location_NamesIdSequenceAndLine()
    {
        var message = Messages.Parse(Messages.Join("\r\n", Messages.Vxu));

        Assert.That(message[5].Location, Is.EqualTo(new Hl7Location("OBX", 2, Line: 6)));
    }

    [Test]
    public void IndexOfAndTryFind_SegmentId_FindTheFirstOccurrence()
    {
        var message = Messages.Parse(Messages.Join("\r", Messages.Vxu));

        bool found = message.TryFind("OBX", out var obx);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.IndexOf("OBX"), Is.EqualTo(4));
            Assert.That(message.IndexOf("OBX", 5), Is.EqualTo(5));
            Assert.That(message.IndexOf("NK1"), Is.EqualTo(-1));
            Assert.That(found, Is.True);
            Assert.That(obx.Index, Is.EqualTo(4));
            Assert.That(message.TryFind("NK1", out var missing), Is.False);
            Assert.That(missing.Exists, Is.False);
        }
    }
}

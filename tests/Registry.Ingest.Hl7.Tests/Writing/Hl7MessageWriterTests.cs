using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

[TestFixture]
internal sealed class Hl7MessageWriterTests
{
    private static readonly TestCaseData[] Segments =
    [
        Case("PID", w => w.Field(1, "a").Field(5, ""), "PID|a").SetName("Field_TrailingEmptyFields_AreNotWritten"),
        Case("PID", w => w.Field(3).Component(3, "x"), "PID|||^^x").SetName("Component_LeadingEmptyComponents_AreKept"),
        Case("PID", w => w.Field(3, "a").Component(2).Component(4, ""), "PID|||a").SetName("Component_TrailingEmptyComponents_AreNotWritten"),
        Case("PID", w => w.Field(3, "a").Repetition().Component(2, "b"), "PID|||a~^b").SetName("Repetition_SecondRepetition_StartsAtComponentOne"),
        Case("PID", w => w.Field(3, "a").Repetition().Repetition(), "PID|||a").SetName("Repetition_TrailingEmptyRepetitions_AreNotWritten"),
        Case("PID", w => w.Field(1).Component(2).SubComponent(3, "z"), "PID|^&&z").SetName("SubComponent_LeadingEmptySubComponents_AreKept"),
        Case("PID", w => w.Field(1, "a").SubComponent(2, "b").Component(2, "c"), "PID|a&b^c").SetName("SubComponent_ThenNextComponent_StartsAtSubComponentOne"),
        Case("PID", w => w.Field(2, "a|b^c~d\\e&f"), "PID||a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f").SetName("Value_Delimiters_AreEscaped"),
        Case("PID", w => w.Field(1, "a").Value("b"), "PID|ab").SetName("Value_WrittenTwice_Appends"),
        Case("PID", w => w.Field(1, "\"\""), "PID|\\X2222\\").SetName("Value_TwoQuotes_StaysAValueNotADelete"),
        Case("ERR", w => w.Field(1).Field(2), "ERR").SetName("EndSegment_NoValues_WritesOnlyTheId"),
        Case("MSH", w => w, "MSH|^~\\&").SetName("BeginSegment_Msh_WritesMsh1AndMsh2"),
        Case("MSH", w => w.Field(3, "APP").Field(10, "42"), "MSH|^~\\&|APP|||||||42").SetName("Field_InMsh_CountsFromTheSeparator"),
        Case("FHS", w => w.Field(9, "ack.txt"), "FHS|^~\\&|||||||ack.txt").SetName("Field_InFhs_CountsFromTheSeparator"),
        Case("MSA", w => w.Field(1).Value(-12).Component(2).Value(205), "MSA|-12^205").SetName("Value_Integers_AreWrittenInvariant"),
    ];

    private static readonly TestCaseData[] Timestamps =
    [
        new TestCaseData(new DateTimeOffset(2024, 1, 31, 14, 25, 9, TimeSpan.FromHours(-6)), "20240131142509-0600"),
        new TestCaseData(new DateTimeOffset(2010, 6, 9, 10, 6, 0, TimeSpan.Zero), "20100609100600+0000"),
        new TestCaseData(new DateTimeOffset(1999, 12, 31, 23, 59, 59, new TimeSpan(5, 30, 0)), "19991231235959+0530"),
    ];

    [TestCaseSource(nameof(Segments))]
    public void Write(string id, Func<Hl7MessageWriter, Hl7MessageWriter> body, string expected)
    {
        var output = new StringBuilder();
        body(new Hl7MessageWriter(output).BeginSegment(id)).EndSegment();

        Assert.That(output.ToString(), Is.EqualTo(expected + "\r"));
    }

    [TestCaseSource(nameof(Timestamps))]
    public void Value_Timestamp_IsSecondsWithOffset(DateTimeOffset timestamp, string expected)
    {
        var output = new StringBuilder();
        new Hl7MessageWriter(output).BeginSegment("MSH").Field(7).Value(timestamp).EndSegment();

        Assert.That(output.ToString(), Is.EqualTo("MSH|^~\\&|||||" + expected + "\r"));
    }

    [Test]
    public void EndSegment_CrLfTerminator_EndsEachSegmentWithCrLf()
    {
        var output = new StringBuilder();
        new Hl7MessageWriter(output, "\r\n").BeginSegment("BTS").Field(1).Value(3).EndSegment().BeginSegment("FTS").Field(1).Value(1).EndSegment();

        Assert.That(output.ToString(), Is.EqualTo("BTS|3\r\nFTS|1\r\n"));
    }

    [Test]
    public void Field_Backwards_Throws()
    {
        var writer = new Hl7MessageWriter(new StringBuilder()).BeginSegment("PID").Field(3, "a");

        Assert.That(() => writer.Field(3), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Value_BeforeMovingToAField_Throws()
    {
        var writer = new Hl7MessageWriter(new StringBuilder()).BeginSegment("MSH");

        Assert.That(() => writer.Value("x"), Throws.InvalidOperationException);
    }

    [Test]
    public void BeginSegment_WhileASegmentIsOpen_Throws()
    {
        var writer = new Hl7MessageWriter(new StringBuilder()).BeginSegment("PID");

        Assert.That(() => writer.BeginSegment("PV1"), Throws.InvalidOperationException);
    }

    [Test]
    public void Value_AnyText_ParsesBackToTheSameText()
    {
        var output = new StringBuilder();
        var writer = new Hl7MessageWriter(output);
        Prop.ForAll<string>(text =>
        {
            text ??= string.Empty;
            output.Clear();
            writer.BeginSegment("MSH").Field(3, "A").EndSegment()
                .BeginSegment("NTE").Field(3).Component(2).SubComponent(2, text).Component(3, "end").EndSegment();

            var parsed = Hl7Message.Parse(output.ToString());
            return parsed.Succeeded && parsed.Message[1].Field(3).Component(2).SubComponent(2).Value == text;
        }).QuickCheckThrowOnFailure();
    }

    private static TestCaseData Case(string id, Func<Hl7MessageWriter, Hl7MessageWriter> body, string expected) => new(id, body, expected);
}

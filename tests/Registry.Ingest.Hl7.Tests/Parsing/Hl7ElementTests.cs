using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7ElementTests
{
    /// <summary>
    /// Line 1 MSH, line 2 PID, line 3 OBX #1, line 4 OBX #2. PID-3 has two repetitions, the first
    /// with sub-components; PID-5 has an empty first component; OBX #2 holds a value in OBX-5.
    /// </summary>
    private static readonly string Text = Messages.Join(
        "\r\n",
        Messages.Header,
        "PID|1||A1&A2&A3^B~C^D1&D2||^Jane^^^Dr||\"\"",
        "OBX|1|CE|64994-7^VFC^LN",
        "OBX|2|CE|30963-3^Funding^LN||VXC1^Federal^CDCPHINVS");

    private static IEnumerable<TestCaseData> Paths()
    {
        yield return Path("PID-3", s => s.Field(3), "A1&A2&A3^B~C^D1&D2", new("PID", 1, 3, 0, 0, 0, 2));
        yield return Path("PID-3[1]", s => s.Field(3).Repetition(1), "A1&A2&A3^B", new("PID", 1, 3, 1, 0, 0, 2));
        yield return Path("PID-3[2]", s => s.Field(3).Repetition(2), "C^D1&D2", new("PID", 1, 3, 2, 0, 0, 2));
        yield return Path("PID-3[3] missing", s => s.Field(3).Repetition(3), "", new("PID", 1, 3, 3, 0, 0, 2));
        yield return Path("PID-3.1", s => s.Field(3).Component(1), "A1&A2&A3", new("PID", 1, 3, 1, 1, 0, 2));
        yield return Path("PID-3.2", s => s.Field(3).Component(2), "B", new("PID", 1, 3, 1, 2, 0, 2));
        yield return Path("PID-3.3 missing", s => s.Field(3).Component(3), "", new("PID", 1, 3, 1, 3, 0, 2));
        yield return Path("PID-3[2].1", s => s.Field(3).Repetition(2).Component(1), "C", new("PID", 1, 3, 2, 1, 0, 2));
        yield return Path("PID-3[2].2", s => s.Field(3).Repetition(2).Component(2), "D1&D2", new("PID", 1, 3, 2, 2, 0, 2));
        yield return Path("PID-3.1.1", s => s.Field(3).SubComponent(1), "A1", new("PID", 1, 3, 1, 1, 1, 2));
        yield return Path("PID-3.1.3", s => s.Field(3).SubComponent(3), "A3", new("PID", 1, 3, 1, 1, 3, 2));
        yield return Path("PID-3.1.2 of the repetition", s => s.Field(3).Repetition(1).SubComponent(2), "A2", new("PID", 1, 3, 1, 1, 2, 2));
        yield return Path("PID-3.1.4 missing", s => s.Field(3).Component(1).SubComponent(4), "", new("PID", 1, 3, 1, 1, 4, 2));
        yield return Path("PID-3.2.1 plain component", s => s.Field(3).Component(2).SubComponent(1), "B", new("PID", 1, 3, 1, 2, 1, 2));
        yield return Path("PID-3.2.2 missing", s => s.Field(3).Component(2).SubComponent(2), "", new("PID", 1, 3, 1, 2, 2, 2));
        yield return Path("PID-3[2].2.2", s => s.Field(3).Repetition(2).Component(2).SubComponent(2), "D2", new("PID", 1, 3, 2, 2, 2, 2));
        yield return Path("PID-3[9].8.7 missing", s => s.Field(3).Repetition(9).Component(8).SubComponent(7), "", new("PID", 1, 3, 9, 8, 7, 2));
        yield return Path("PID-2 empty", s => s.Field(2), "", new("PID", 1, 2, 0, 0, 0, 2));
        yield return Path("PID-5.1 leading empty component", s => s.Field(5).Component(1), "", new("PID", 1, 5, 1, 1, 0, 2));
        yield return Path("PID-5.2", s => s.Field(5).Component(2), "Jane", new("PID", 1, 5, 1, 2, 0, 2));
        yield return Path("PID-5.4 empty between components", s => s.Field(5).Component(4), "", new("PID", 1, 5, 1, 4, 0, 2));
        yield return Path("PID-5.5", s => s.Field(5).Component(5), "Dr", new("PID", 1, 5, 1, 5, 0, 2));
        yield return Path("PID-5.6 missing", s => s.Field(5).Component(6), "", new("PID", 1, 5, 1, 6, 0, 2));
        yield return Path("PID-7", s => s.Field(7), "\"\"", new("PID", 1, 7, 0, 0, 0, 2));
        yield return Path("PID-30 missing", s => s.Field(30), "", new("PID", 1, 30, 0, 0, 0, 2));
        yield return Path("PID-30[2].3.4 missing", s => s.Field(30).Repetition(2).Component(3).SubComponent(4), "", new("PID", 1, 30, 2, 3, 4, 2));
    }

    private static IEnumerable<TestCaseData> SecondObxPaths()
    {
        yield return Path("OBX#2-5.2", s => s.Field(5).Component(2), "Federal", new("OBX", 2, 5, 1, 2, 0, 4));
        yield return Path("OBX#2-3.1", s => s.Field(3).Component(1), "30963-3", new("OBX", 2, 3, 1, 1, 0, 4));
        yield return Path("OBX#2-6 missing", s => s.Field(6), "", new("OBX", 2, 6, 0, 0, 0, 4));
    }

    private static IEnumerable<TestCaseData> NullAndEmpty()
    {
        // raw field -> IsNull, IsEmpty, HasValue, Value
        yield return State("\"\"", true, false, false, "");
        yield return State("", false, true, false, "");
        yield return State("abc", false, false, true, "abc");
        yield return State(@"\X2222\", false, false, true, "\"\"");
        yield return State("\"\"\"", false, false, true, "\"\"\"");
        yield return State("\"", false, false, true, "\"");
        yield return State("\"a\"", false, false, true, "\"a\"");
        yield return State("\" \"", false, false, true, "\" \"");
        yield return State(" ", false, false, true, " ");
        yield return State("\"\"^x", false, false, true, "\"\"^x");
    }

    [TestCaseSource(nameof(Paths))]
    public void Element_PathIntoPid_HasTheTextAndLocation(Func<Hl7Segment, Hl7Element> path, string raw, Hl7Location location) =>
        AssertElement(path(Messages.Parse(Text)[1]), raw, location);

    [TestCaseSource(nameof(SecondObxPaths))]
    public void Element_PathIntoSecondObx_HasTheTextAndLocation(Func<Hl7Segment, Hl7Element> path, string raw, Hl7Location location) =>
        AssertElement(path(Messages.Parse(Text)[3]), raw, location);

    [Test]
    public void Element_MissingPartsOfAMessageWithOffsetLines_NameTheFileLine()
    {
        var message = Hl7Message.Parse("\r\n" + Text, firstLine: 10).Message!;

        Assert.That(message[3].Field(7).Component(2).Location, Is.EqualTo(new Hl7Location("OBX", 2, 7, 1, 2, 0, 14)));
    }

    [Test]
    public void Location_SegmentFarIntoAHugeMessage_IsThatSegment()
    {
        const int index = 32_768;

        // A garbage file can put tens of thousands of lines into one message; the report must
        // still point at the right one instead of throwing or naming another segment.
        var text = new System.Text.StringBuilder(Messages.Header);
        for (int i = 1; i <= index; i++)
        {
            text.Append(i == index ? "\rRXA|0|1" : "\rNTE|1");
        }

        var message = Messages.Parse(text.ToString());

        Assert.That(message[index].Field(2).Location, Is.EqualTo(new Hl7Location("RXA", 1, 2, 0, 0, 0, index + 1)));
    }

    [TestCaseSource(nameof(NullAndEmpty))]
    public void Field_NullOrEmpty_IsToldApart(string raw, bool isNull, bool isEmpty, bool hasValue, string value)
    {
        var field = Messages.Segment($"OBX|1|ST|x||{raw}|").Field(5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.IsNull, Is.EqualTo(isNull), nameof(field.IsNull));
            Assert.That(field.IsEmpty, Is.EqualTo(isEmpty), nameof(field.IsEmpty));
            Assert.That(field.HasValue, Is.EqualTo(hasValue), nameof(field.HasValue));
            Assert.That(field.Value, Is.EqualTo(value), nameof(field.Value));
            Assert.That(field.ToString(), Is.EqualTo(value), nameof(field.ToString));
        }
    }

    [Test]
    public void Component_NullInOneComponent_IsNullOnlyThere()
    {
        var field = Messages.Segment("PID|1||\"\"^x^").Field(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.Component(1).IsNull, Is.True);
            Assert.That(field.Component(2).HasValue, Is.True);
            Assert.That(field.Component(3).IsEmpty, Is.True);
            Assert.That(field.IsNull, Is.False);
        }
    }

    [Test]
    public void Field_MissingAtTheEnd_IsEmptyNotNull()
    {
        var field = Messages.Segment("PID|1").Field(7);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.IsEmpty, Is.True);
            Assert.That(field.IsNull, Is.False);
            Assert.That(field.HasValue, Is.False);
        }
    }

    [TestCase("", 0, 0)]
    [TestCase("a", 1, 1)]
    [TestCase("\"\"", 1, 1)]
    [TestCase("a^b^c", 1, 3)]
    [TestCase("a^b^c~d", 2, 3)]
    [TestCase("a~b^c~c", 3, 1)]
    [TestCase("~", 2, 0)]
    [TestCase("^", 1, 2)]
    [TestCase(@"a\S\b\R\c", 1, 1)]
    public void Counts_Field_CountRepetitionsAndComponentsOfTheFirst(string raw, int repetitions, int components)
    {
        var field = Messages.Segment($"PID|1||{raw}|").Field(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.RepetitionCount, Is.EqualTo(repetitions));
            Assert.That(field.ComponentCount, Is.EqualTo(components));
        }
    }

    [TestCase("")]
    [TestCase("a")]
    [TestCase("a~")]
    [TestCase("~a")]
    [TestCase("a~~b^c")]
    [TestCase("~")]
    [TestCase(@"a\R\b~c")]
    public void Repetitions_Field_AreWhatRepetitionByNumberGives(string raw)
    {
        var field = Messages.Segment($"PID|1||{raw}|").Field(3);
        var walked = new List<(string Raw, Hl7Location Location)>();
        foreach (var repetition in field.Repetitions())
        {
            walked.Add((repetition.Raw.ToString(), repetition.Location));
        }

        var numbered = Enumerable.Range(1, field.RepetitionCount).Select(n => (field.Repetition(n).Raw.ToString(), field.Repetition(n).Location));
        Assert.That(walked, Is.EqualTo(numbered));
    }

    [Test]
    public void Repetitions_FarBeyond32767_KeepTheirNumberInTheLocation()
    {
        var field = Messages.Segment($"PID|1||{string.Join("~", Enumerable.Range(1, 40_000))}|").Field(3);
        var last = default(Hl7Element);
        int count = 0;
        foreach (var repetition in field.Repetitions())
        {
            last = repetition;
            count++;
        }

        Assert.That(count, Is.EqualTo(40_000));
        Assert.That(last.Raw.ToString(), Is.EqualTo("40000"));
        Assert.That(last.Location.Repetition, Is.EqualTo(40_000));
        Assert.That(last.Component(1).Location.Repetition, Is.EqualTo(40_000));
    }

    [Test]
    public void Value_EscapedComponent_IsDecodedAfterSplitting()
    {
        var field = Messages.Segment(@"NTE|1||a\S\b^c\T\d\.br\e~f\R\g").Field(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.Component(1).Value, Is.EqualTo("a^b"));
            Assert.That(field.Component(2).Value, Is.EqualTo("c&d\ne"));
            Assert.That(field.Repetition(2).Value, Is.EqualTo("f~g"));
        }
    }

    [Test]
    public void Is_Code_ComparesTheRawText()
    {
        var field = Messages.Segment("RXA|0|1|20240101||08^HepB^CVX").Field(5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(field.Component(3).Is("CVX"), Is.True);
            Assert.That(field.Component(3).Is("cvx"), Is.False);
            Assert.That(field.Component(4).Is(""), Is.True);
        }
    }

    [Test]
    public void Navigation_BelowItsLevel_Throws()
    {
        var field = Messages.Segment("PID|1||a&b^c").Field(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => field.Repetition(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => field.Component(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => field.SubComponent(0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => field.Component(1).Component(1), Throws.InvalidOperationException);
            Assert.That(() => field.Component(1).Repetition(1), Throws.InvalidOperationException);
            Assert.That(() => field.SubComponent(1).SubComponent(1), Throws.InvalidOperationException);
        }
    }

    private static void AssertElement(Hl7Element element, string raw, Hl7Location location)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new string(element.Raw), Is.EqualTo(raw));
            Assert.That(element.Location, Is.EqualTo(location));
            Assert.That(element.IsEmpty, Is.EqualTo(raw.Length == 0));
        }
    }

    private static TestCaseData Path(string name, Func<Hl7Segment, Hl7Element> path, string raw, Hl7Location location) =>
        new TestCaseData(path, raw, location).SetArgDisplayNames(name);

    private static TestCaseData State(string raw, bool isNull, bool isEmpty, bool hasValue, string value) =>
        new TestCaseData(raw, isNull, isEmpty, hasValue, value).SetArgDisplayNames($"|{raw}|");
}

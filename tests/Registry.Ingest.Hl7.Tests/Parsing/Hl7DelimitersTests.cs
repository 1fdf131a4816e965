namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7DelimitersTests
{
    private static IEnumerable<TestCaseData> ValidHeaders()
    {
        yield return Row(@"MSH|^~\&|EHR", new Hl7Delimiters('|', '^', '~', '\\', '&'));
        yield return Row(@"MSH|^~\&", new Hl7Delimiters('|', '^', '~', '\\', '&'));
        yield return Row(@"MSH|^~\&#|EHR", new Hl7Delimiters('|', '^', '~', '\\', '&', '#'));
        yield return Row("MSH#$*!@#EHR", new Hl7Delimiters('#', '$', '*', '!', '@'));
        yield return Row("MSH!@#$%^!EHR", new Hl7Delimiters('!', '@', '#', '$', '%', '^'));
        yield return Row(@"MSH^|\~&^EHR", new Hl7Delimiters('^', '|', '\\', '~', '&'));
        yield return Row(@"FHS|^~\&|EHR", new Hl7Delimiters('|', '^', '~', '\\', '&'));
        yield return Row("BHS:+*?=:EHR", new Hl7Delimiters(':', '+', '*', '?', '='));
        yield return Row(@"MSH|^~\|EHR", new Hl7Delimiters('|', '^', '~', '\\', '\0'));
        yield return Row("MSH|^~|EHR", new Hl7Delimiters('|', '^', '~', '\0', '\0'));
    }

    private static IEnumerable<TestCaseData> InvalidHeaders()
    {
        yield return Row("MSH", "too short");
        yield return Row("MSH|", "holds 0");
        yield return Row("MSH||EHR", "holds 0");
        yield return Row("MSH|^|EHR", "holds 1");
        yield return Row(@"MSH|^~\&#%|EHR", "holds 6");
        yield return Row(@"MSH|^^\&|EHR", "distinct");
        yield return Row(@"MSH|^~\^|EHR", "distinct");
        yield return Row(@"MSH|^~\&^|EHR", "distinct");
        yield return Row(@"MSH|^~\&&|EHR", "distinct");
        yield return Row(@"MSHA^~\&AEHR", "field separator");
        yield return Row(@"MSH1^~\&1EHR", "field separator");
        yield return Row(@"MSH ^~\& EHR", "field separator");
        yield return Row("MSH\t^~\\&\tEHR", "field separator");
        yield return Row(@"MSH|^~\a|EHR", "'a'");
        yield return Row(@"MSH|^~\& |EHR", "' '");
        yield return Row(@"MSH|^~\0|EHR", "'0'");
        yield return Row("MSH|^~\\\u007f|EHR", "cannot be a delimiter");
        yield return Row("MSH\U0001F600^~\\&\U0001F600EHR", "the field separator (the 4th character, MSH-1) is '\\uD83D', which cannot be a delimiter");
        yield return Row("MSH|EHR|CLINIC|ICARE", "MSH-2, the encoding characters (normally ^~\\&), is missing: 'EHR' stands in its place");
    }

    [TestCaseSource(nameof(ValidHeaders))]
    public void TryRead_ValidHeader_ReadsTheDeclaredDelimiters(string header, Hl7Delimiters expected)
    {
        bool read = Hl7Delimiters.TryRead(header, out var delimiters, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.True, error);
            Assert.That(delimiters, Is.EqualTo(expected));
            Assert.That(error, Is.Null);
        }
    }

    [TestCaseSource(nameof(InvalidHeaders))]
    public void TryRead_InvalidHeader_FailsWithAReason(string header, string reason)
    {
        bool read = Hl7Delimiters.TryRead(header, out _, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.False);
            Assert.That(error, Does.Contain(reason));
        }
    }

    [Test]
    public void EncodingCharacters_WithoutTruncation_AreTheFourOfMsh2() =>
        Assert.That(Hl7Delimiters.Default.EncodingCharacters, Is.EqualTo(@"^~\&"));

    [Test]
    public void EncodingCharacters_WithTruncation_AreTheFiveOfMsh2() =>
        Assert.That((Hl7Delimiters.Default with { Truncation = '#' }).EncodingCharacters, Is.EqualTo(@"^~\&#"));

    private static TestCaseData Row(string header, object expected) =>
        new TestCaseData(header, expected).SetArgDisplayNames(header.Replace("\t", "<TAB>", StringComparison.Ordinal));
}

namespace Registry.Ingest.Hl7.Tests.Escaping;

public sealed class Hl7EscapingEncodeTests
{
    private static IEnumerable<TestCaseData> DefaultDelimiterCases()
    {
        yield return Row(string.Empty, string.Empty);
        yield return Row("plain", "plain");
        yield return Row("café €", "café €");
        yield return Row(@"a|b^c&d~e\f", @"a\F\b\S\c\T\d\R\e\E\f");
        yield return Row("\"\"", @"\X2222\"); // a value that is two quotes must not read back as "delete"
        yield return Row("\"\"\"", "\"\"\"");
        yield return Row("\"a\"", "\"a\"");
        yield return Row("line 1\nline 2", @"line 1\X0A\line 2");
        yield return Row("a\r\nb", @"a\X0D\\X0A\b");
        yield return Row("\t\f\0\u007f", @"\X09\\X0C\\X00\\X7F\");
        yield return Row("#1", "#1"); // no truncation character declared
    }

    [TestCaseSource(nameof(DefaultDelimiterCases))]
    public string Encode_DefaultDelimiters_EscapesDelimitersAndControlCharacters(string value) =>
        Hl7Escaping.Encode(value, Hl7Delimiters.Default);

    [Test]
    public void Encode_TruncationDeclared_EscapesTheTruncationCharacter()
    {
        var delimiters = Hl7Delimiters.Default with { Truncation = '#' };

        Assert.That(Hl7Escaping.Encode("#1", delimiters), Is.EqualTo(@"\P\1"));
    }

    [Test]
    public void Encode_UnusualDelimiters_EscapesThoseAndNotTheDefaults()
    {
        var delimiters = new Hl7Delimiters('#', '$', '*', '!', '@');

        Assert.That(Hl7Escaping.Encode(@"#$*!@|^~\&", delimiters), Is.EqualTo(@"!F!!S!!R!!E!!T!|^~\&"));
    }

    [Test]
    public void Encode_NothingToEscape_ReturnsTheSameString()
    {
        const string value = "nothing to escape";

        Assert.That(Hl7Escaping.Encode(value, Hl7Delimiters.Default), Is.SameAs(value));
    }

    private static TestCaseData Row(string value, string expected) =>
        new TestCaseData(value).Returns(expected).SetArgDisplayNames(
            string.Concat(value.Select(c => c < ' ' || c == '\u007f' ? $"<{(int)c:X2}>" : c.ToString())));
}

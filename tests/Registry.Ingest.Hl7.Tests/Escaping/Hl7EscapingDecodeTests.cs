namespace Registry.Ingest.Hl7.Tests.Escaping;

public sealed class Hl7EscapingDecodeTests
{
    private static readonly Hl7Delimiters Unusual = new('#', '$', '*', '!', '@');

    private static IEnumerable<TestCaseData> DefaultDelimiterCases()
    {
        // Plain text
        yield return Row(string.Empty, string.Empty);
        yield return Row("plain text", "plain text");
        yield return Row("é € 日本", "é € 日本");

        // The delimiters
        yield return Row(@"a\F\b", "a|b");
        yield return Row(@"a\S\b", "a^b");
        yield return Row(@"a\T\b", "a&b");
        yield return Row(@"a\R\b", "a~b");
        yield return Row(@"a\E\b", @"a\b");
        yield return Row(@"\F\\S\\T\\R\\E\", @"|^&~\");
        yield return Row(@"\E\F\E\", @"\F\"); // escapes don't nest

        // Hex bytes: UTF-8 when they are valid UTF-8, ISO-8859-1 otherwise
        yield return Row(@"\X41\", "A");
        yield return Row(@"\X414243\", "ABC");
        yield return Row(@"caf\XC3A9\", "café");
        yield return Row(@"caf\Xc3a9\", "café");
        yield return Row(@"\XE282AC\", "€");
        yield return Row(@"caf\XE9\", "café");
        yield return Row(@"\XC3\", "Ã");
        yield return Row(@"\X0D0A\", "\r\n");
        yield return Row(@"\X00\", "\0");
        yield return Row(@"\X2222\", "\"\"");

        // Formatting: a line break is kept, everything else is layout and dropped
        yield return Row(@"line 1\.br\line 2", "line 1\nline 2");
        yield return Row(@"\H\bold\N\ text", "bold text");
        yield return Row(@"a\.sp2\b", "ab");
        yield return Row(@"a\.sp\b", "ab");
        yield return Row(@"a\.in+4\b", "ab");
        yield return Row(@"a\.ti-2\b", "ab");
        yield return Row(@"a\.sk3\b", "ab");
        yield return Row(@"\.ce\centred\.fi\\.nf\", "centred");

        // Character-set switches carry nothing once the text is Unicode
        yield return Row(@"a\C2842\b", "ab");
        yield return Row(@"a\M2442\b", "ab");

        // Unknown, malformed or unterminated sequences are kept literally
        yield return Row(@"\Zxx\", @"\Zxx\");
        yield return Row(@"a\Q\b", @"a\Q\b");
        yield return Row(@"\.zz\", @"\.zz\");
        yield return Row(@"\.sp2x\", @"\.sp2x\");
        yield return Row(@"\X\", @"\X\");
        yield return Row(@"\X4\", @"\X4\");
        yield return Row(@"\XZZ\", @"\XZZ\");
        yield return Row(@"\P\", @"\P\"); // truncation escape without a declared truncation character
        yield return Row(@"\C2\x", @"\C2\x");
        yield return Row(@"\", @"\");
        yield return Row(@"\\", @"\\");
        yield return Row(@"a\b", @"a\b");
        yield return Row(@"trailing\", @"trailing\");
        yield return Row(@"\F", @"\F");
        yield return Row(@"C:\temp\F\x", @"C:\temp|x"); // the closing backslash of an unknown sequence may open a real one
    }

    private static IEnumerable<TestCaseData> UnusualDelimiterCases()
    {
        yield return Row("a!F!b", "a#b");
        yield return Row("!F!!S!!T!!R!!E!", "#$@*!");
        yield return Row("!XC3A9!", "é");
        yield return Row("a!.br!b", "a\nb");
        yield return Row(@"a\F\b", @"a\F\b"); // a backslash is plain text when it is not the escape character
        yield return Row("a!Zxx!b", "a!Zxx!b");
    }

    [TestCaseSource(nameof(DefaultDelimiterCases))]
    public string Decode_DefaultDelimiters_GivesTheText(string raw) => Hl7Escaping.Decode(raw, Hl7Delimiters.Default);

    [TestCaseSource(nameof(UnusualDelimiterCases))]
    public string Decode_DelimitersDeclaredInTheHeader_UsesThem(string raw) => Hl7Escaping.Decode(raw, Unusual);

    [Test]
    public void Decode_TruncationEscapeWithTruncationDeclared_GivesTheTruncationCharacter()
    {
        var delimiters = Hl7Delimiters.Default with { Truncation = '#' };

        Assert.That(Hl7Escaping.Decode(@"a\P\b#c", delimiters), Is.EqualTo("a#b#c"));
    }

    [Test]
    public void Decode_LongHexSequence_DecodesEveryByte()
    {
        // More than the 256 bytes decoded on the stack.
        string text = string.Concat(Enumerable.Repeat("é€", 200));
        string hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.That(Hl7Escaping.Decode($@"\X{hex}\", Hl7Delimiters.Default), Is.EqualTo(text));
    }

    [TestCase("plain", false)]
    [TestCase(@"a\F\b", true)]
    [TestCase(@"lone \ backslash", true)]
    public void NeedsDecoding_Text_IsTrueOnlyWithAnEscapeCharacter(string raw, bool expected) =>
        Assert.That(Hl7Escaping.NeedsDecoding(raw, Hl7Delimiters.Default), Is.EqualTo(expected));

    private static TestCaseData Row(string raw, string expected) =>
        new TestCaseData(raw).Returns(expected).SetArgDisplayNames(Printable(raw));

    private static string Printable(string text) =>
        string.Concat(text.Select(c => c < ' ' ? $"<{(int)c:X2}>" : c.ToString()));
}

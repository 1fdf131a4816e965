using FsCheck;
using FsCheck.Fluent;

namespace Registry.Ingest.Hl7.Tests.Support;

/// <summary>FsCheck generators for values and messages that stress ER7 parsing and escaping.</summary>
internal static class Hl7Gen
{
    /// <summary>
    /// Characters that matter to ER7: the default delimiters and truncation character, the quote of
    /// <c>""</c>, line breaks, other control characters, a BOM, non-ASCII and lone surrogates, and
    /// the letters escape sequences are made of.
    /// </summary>
    private const string Special = "|^~\\&#\"\r\n\f\t\0 \u007f\u0085\u00e9\u20ac\u2028\ufeff\ud800\udc00XFSTREHNPCMZ.br0123456789ABCDEF";

    /// <summary>Any character that can stand for a delimiter (what MSH-1/MSH-2 accept).</summary>
    private const string DelimiterPool = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a7\u00a4\u00a6\u00ac\u00b0";

    private static readonly string[] Tokens =
    [
        "\"\"", "\\F\\", "\\S\\", "\\T\\", "\\R\\", "\\E\\", "\\X41\\", "\\XC3A9\\", "\\XE9\\", "\\X\\", "\\.br\\",
        "\\.sp2\\", "\\H\\", "\\N\\", "\\Zxx\\", "\\C2842\\", "\\P\\", "\\", "\r\n", "MSH|^~\\&|", "PID|",
    ];

    public static Gen<char> AnyChar { get; } = Gen.Choose(0, char.MaxValue).Select(i => (char)i);

    public static Gen<char> InterestingChar { get; } = Gen.Frequency(
        (4, Gen.Elements(Special.ToCharArray())),
        (2, Gen.Choose(' ', '~').Select(i => (char)i)),
        (1, AnyChar));

    /// <summary>Any string: empty, <c>""</c>, random characters, or runs of escape-like tokens.</summary>
    public static Gen<string> AnyString { get; } = Gen.Frequency(
        (1, Gen.Constant(string.Empty)),
        (1, Gen.Constant("\"\"")),
        (1, Gen.ArrayOf(AnyChar).Select(chars => new string(chars))),
        (5, Gen.ArrayOf(InterestingChar).Select(chars => new string(chars))),
        (3, Gen.ListOf(Gen.OneOf(Gen.Elements(Tokens), InterestingChar.Select(c => c.ToString()))).Select(string.Concat)));

    /// <summary>Delimiter sets a header may declare: the default, or 5 or 6 distinct usable characters.</summary>
    public static Gen<Hl7Delimiters> Delimiters { get; } = Gen.Frequency(
        (1, Gen.Constant(Hl7Delimiters.Default)),
        (1, Gen.Constant(Hl7Delimiters.Default with { Truncation = '#' })),
        (6, Gen.Shuffle(DelimiterPool.ToCharArray()).SelectMany(
            chars => Gen.Elements(5, 6),
            (chars, count) => ReadHeader(string.Concat("MSH", new string(chars, 0, count), chars[0].ToString())))));

    public static Arbitrary<string> AnyStrings { get; } = Arb.From(AnyString, Shrink);

    public static Arbitrary<(string Value, Hl7Delimiters Delimiters)> ValuesWithDelimiters { get; } =
        Arb.From(
            Gen.Zip(AnyString, Delimiters),
            pair => Shrink(pair.Item1).Select(value => (value, pair.Item2)));

    /// <summary>
    /// Text that looks like a message: a header with random delimiters, then lines made of segment
    /// ids, delimiters, escapes and line breaks, so that parsing succeeds often and fails in many ways.
    /// </summary>
    public static Gen<string> MessageLikeText { get; } =
        from delimiters in Delimiters
        from leading in Gen.Elements(string.Empty, "\r\n", " ", "\t\n\n", "\f")
        from header in LineBody(delimiters)
        from count in Gen.Choose(0, 8)
        from lines in Gen.ListOf(SegmentLine(delimiters), count)
        select string.Concat(leading, "MSH", delimiters.Field.ToString(), delimiters.EncodingCharacters, delimiters.Field.ToString(), header, string.Concat(lines));

    public static Arbitrary<string> MessageLikeTexts { get; } = Arb.From(
        Gen.Frequency((4, MessageLikeText), (1, AnyString)),
        Shrink);

    /// <summary>What the parser must have checked: an upper-case id, then the field separator or nothing.</summary>
    public static bool IsSegmentText(string segment, char fieldSeparator) =>
        segment.Length >= 3
        && char.IsAsciiLetterUpper(segment[0])
        && segment[1..3].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
        && (segment.Length == 3 || segment[3] == fieldSeparator)
        && segment.IndexOfAny(['\r', '\n', '\f']) < 0
        && segment == segment.Trim(' ', '\t');

    /// <summary>Characters inside a segment: mostly delimiters, quotes and escape-like text, no line breaks.</summary>
    private static Gen<char> LineChar(Hl7Delimiters d) => Gen.Frequency(
        (6, Gen.Elements(d.Field, d.Component, d.Repetition, d.Escape, d.SubComponent, '"', ' ', '\t', 'X', 'F', '.', '1', 'A', '\u00e9')),
        (3, Gen.Choose(' ', '~').Select(i => (char)i)),
        (1, AnyChar.Where(c => c is not ('\r' or '\n' or '\f'))));

    private static Gen<string> LineBody(Hl7Delimiters d) => Gen.ArrayOf(LineChar(d)).Select(chars => new string(chars));

    /// <summary>A segment line; now and then one with a bad id or broken across two lines.</summary>
    private static Gen<string> SegmentLine(Hl7Delimiters d) =>
        from terminator in Gen.Elements("\r", "\n", "\r\n", "\f", "\r\n\r\n", "  \r", "\r\n\f")
        from id in Gen.Frequency(
            (16, Gen.Elements("PID", "ORC", "RXA", "OBX", "ZXY", "BHS", "FHS", "NTE")),
            (1, Gen.Elements("MSH", "pid", "PI", string.Empty, "   ")))
        from body in LineBody(d)
        from broken in Gen.Frequency((16, Gen.Constant(string.Empty)), (1, LineBody(d).Select(rest => "\r\n" + rest)))
        select string.Concat(terminator, id, d.Field.ToString(), body, broken);

    private static Hl7Delimiters ReadHeader(string header)
    {
        if (!Hl7Delimiters.TryRead(header, out var delimiters, out var error))
        {
            throw new InvalidOperationException($"The generator built an invalid header '{header}': {error}");
        }

        return delimiters;
    }

    private static IEnumerable<string> Shrink(string value)
    {
        if (value.Length == 0)
        {
            yield break;
        }

        yield return string.Empty;
        if (value.Length > 1)
        {
            yield return value[..(value.Length / 2)];
            yield return value[(value.Length / 2)..];
        }

        for (int i = 0; i < value.Length; i++)
        {
            yield return value.Remove(i, 1);
        }
    }
}

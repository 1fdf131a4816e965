using System.Text;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Text;

public sealed class Hl7TextDecoderTests
{
    private static IEnumerable<TestCaseData> ValidUtf8()
    {
        yield return Row(string.Empty);
        yield return Row("MSH|^~\\&|EHR");
        yield return Row("café");
        yield return Row("€ 100");
        yield return Row("日本語");
        yield return Row("😀 emoji");
        yield return Row("\0 NUL stays a character here");
    }

    private static IEnumerable<TestCaseData> InvalidUtf8()
    {
        yield return Row([0x63, 0x61, 0x66, 0xE9], "café");
        yield return Row([0xC3], "Ã");
        yield return Row([0xC3, 0xA9, 0xE9], "éé");
        yield return Row([0xC0, 0x80], "À€");
        yield return Row([0xED, 0xA0, 0x80], "í\u00A0€");
        yield return Row([0x80], "€");
        yield return Row([0xFF, 0xFE], "ÿþ");
        yield return Row([0xF4, 0x90, 0x80, 0x80], "ô\u0090€€");
        yield return Row([0x4E, 0x55, 0xC3, 0x91, 0x45, 0x5A, 0x20, 0x93, 0x6F, 0x6B, 0x94], "NUÑEZ \u201Cok\u201D");
        yield return Row([0x4F, 0x92, 0x42, 0x52, 0x49, 0x45, 0x4E, 0x20, 0x96, 0x20, 0x81], "O\u2019BRIEN \u2013 \u0081");
    }

    [TestCaseSource(nameof(ValidUtf8))]
    public void Decode_ValidUtf8_DecodesAsUtf8(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        Assert.That(Hl7TextDecoder.Decode(bytes), Is.EqualTo(text));
    }

    [TestCaseSource(nameof(ValidUtf8))]
    public void DecodeIntoBuffer_ValidUtf8_DecodesAsUtf8(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new char[bytes.Length];

        int written = Hl7TextDecoder.Decode(bytes, buffer, out bool notUtf8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new string(buffer, 0, written), Is.EqualTo(text));
            Assert.That(notUtf8, Is.False);
        }
    }

    [TestCaseSource(nameof(InvalidUtf8))]
    public void Decode_InvalidUtf8_DecodesValidSequencesAsUtf8AndOtherBytesAsWindows1252(byte[] bytes, string expected) =>
        Assert.That(Hl7TextDecoder.Decode(bytes), Is.EqualTo(expected));

    [TestCaseSource(nameof(InvalidUtf8))]
    public void DecodeIntoBuffer_InvalidUtf8_DecodesValidSequencesAsUtf8AndOtherBytesAsWindows1252(byte[] bytes, string expected)
    {
        var buffer = new char[bytes.Length];

        int written = Hl7TextDecoder.Decode(bytes, buffer, out bool notUtf8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new string(buffer, 0, written), Is.EqualTo(expected));
            Assert.That(notUtf8, Is.True);
        }
    }

    [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, 0x4D, 0x53, 0x48 }, "MSH", TestName = "Decode_Utf8WithByteOrderMark_DropsTheMark")]
    [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, 0x63, 0x61, 0x66, 0xE9 }, "café", TestName = "Decode_Latin1AfterAByteOrderMark_DropsTheMark")]
    [TestCase(new byte[] { 0xEF, 0xBB, 0xBF }, "", TestName = "Decode_OnlyAByteOrderMark_IsEmpty")]
    [TestCase(new byte[] { 0x4D, 0xEF, 0xBB, 0xBF }, "M\uFEFF", TestName = "Decode_ByteOrderMarkInsideTheText_IsKept")]
    public void Decode_ByteOrderMark_IsNotText(byte[] bytes, string expected)
    {
        var buffer = new char[bytes.Length];

        int written = Hl7TextDecoder.Decode(bytes, buffer, out _);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hl7TextDecoder.Decode(bytes), Is.EqualTo(expected));
            Assert.That(new string(buffer, 0, written), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Decode_AnyBytes_IsUtf8WhenValidAndTheSameIntoABuffer() =>
        PropertyCheck.ForAll(AnyBytes, bytes =>
        {
            string text = Hl7TextDecoder.Decode(bytes);
            var buffer = new char[bytes.Length];
            int written = Hl7TextDecoder.Decode(bytes, buffer, out bool notUtf8);

            using (Assert.EnterMultipleScope())
            {
                var content = bytes.AsSpan().StartsWith(ByteOrderMark) ? bytes[ByteOrderMark.Length..] : bytes;
                if (Utf8.IsValid(content))
                {
                    Assert.That(text, Is.EqualTo(Encoding.UTF8.GetString(content)));
                }

                Assert.That(new string(buffer, 0, written), Is.EqualTo(text));
                Assert.That(notUtf8, Is.EqualTo(!Utf8.IsValid(content)));
            }
        });

    /// <summary>A byte from 0x80 up put between two characters of UTF-8 text starts no valid sequence: it is that byte's character, and the text around it stays as it was.</summary>
    [Test]
    public void Decode_OneStrayByteInUtf8Text_ChangesOnlyThatByte() =>
        PropertyCheck.ForAll(StrayByteInUtf8, sample =>
        {
            var (before, stray, after) = sample;
            byte[] bytes = [.. Encoding.UTF8.GetBytes(before), stray, .. Encoding.UTF8.GetBytes(after)];

            Assert.That(Hl7TextDecoder.Decode(bytes), Is.EqualTo(before + Hl7TextDecoder.Windows1252(stray) + after));
        });

    [TestCase((byte)0x80, '\u20AC')]
    [TestCase((byte)0x92, '\u2019')]
    [TestCase((byte)0x9F, '\u0178')]
    [TestCase((byte)0x8D, '\u008D', TestName = "Windows1252_UndefinedByte_KeepsItsIso88591Code")]
    [TestCase((byte)0xA0, '\u00A0')]
    [TestCase((byte)0xE9, 'é')]
    public void Windows1252_HighByte_IsItsWindowsCharacter(byte b, char expected) =>
        Assert.That(Hl7TextDecoder.Windows1252(b), Is.EqualTo(expected));

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Valid UTF-8 of any string, random bytes, and valid UTF-8 with one stray byte.</summary>
    private static Arbitrary<byte[]> AnyBytes { get; } = Arb.From(Gen.Frequency(
        (2, Hl7Gen.AnyString.Select(Encoding.UTF8.GetBytes)),
        (2, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (1, Hl7Gen.AnyString.SelectMany(
            text => Gen.Choose(0, 255),
            (text, stray) => Encoding.UTF8.GetBytes(text).Append((byte)stray).ToArray())),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => ByteOrderMark.Concat(bytes).ToArray()))));

    /// <summary>Two strings that round-trip through UTF-8 (no lone surrogates) and a byte from 0x80 up; the first does not start with a byte order mark, which is dropped.</summary>
    private static Arbitrary<(string Before, byte Stray, string After)> StrayByteInUtf8 { get; } = Arb.From(
        from before in Hl7Gen.AnyString.Where(text => RoundTrips(text) && !text.StartsWith('\uFEFF'))
        from stray in Gen.Choose(0x80, 0xFF)
        from after in Hl7Gen.AnyString.Where(RoundTrips)
        select (before, (byte)stray, after));

    private static bool RoundTrips(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text;

    private static TestCaseData Row(string text) => new TestCaseData(text).SetArgDisplayNames(text.Replace("\0", "<NUL>", StringComparison.Ordinal));

    private static TestCaseData Row(byte[] bytes, string expected) =>
        new TestCaseData(bytes, expected).SetArgDisplayNames(Convert.ToHexString(bytes));
}

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
        yield return Row([0xC3, 0xA9, 0xE9], "Ã©é");
        yield return Row([0xC0, 0x80], "À\u0080");
        yield return Row([0xED, 0xA0, 0x80], "í\u00A0\u0080");
        yield return Row([0x80], "\u0080");
        yield return Row([0xFF, 0xFE], "ÿþ");
        yield return Row([0xF4, 0x90, 0x80, 0x80], "ô\u0090\u0080\u0080");
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

        int written = Hl7TextDecoder.Decode(bytes, buffer, out bool usedLatin1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new string(buffer, 0, written), Is.EqualTo(text));
            Assert.That(usedLatin1, Is.False);
        }
    }

    [TestCaseSource(nameof(InvalidUtf8))]
    public void Decode_InvalidUtf8_DecodesEveryByteAsLatin1(byte[] bytes, string expected) =>
        Assert.That(Hl7TextDecoder.Decode(bytes), Is.EqualTo(expected));

    [TestCaseSource(nameof(InvalidUtf8))]
    public void DecodeIntoBuffer_InvalidUtf8_DecodesEveryByteAsLatin1(byte[] bytes, string expected)
    {
        var buffer = new char[bytes.Length];

        int written = Hl7TextDecoder.Decode(bytes, buffer, out bool usedLatin1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new string(buffer, 0, written), Is.EqualTo(expected));
            Assert.That(usedLatin1, Is.True);
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
    public void Decode_AnyBytes_IsUtf8WhenValidElseOneCharPerByte() =>
        PropertyCheck.ForAll(AnyBytes, bytes =>
        {
            string text = Hl7TextDecoder.Decode(bytes);
            var buffer = new char[bytes.Length];
            int written = Hl7TextDecoder.Decode(bytes, buffer, out bool usedLatin1);

            using (Assert.EnterMultipleScope())
            {
                var content = bytes.AsSpan().StartsWith(ByteOrderMark) ? bytes[ByteOrderMark.Length..] : bytes;
                Assert.That(text, Is.EqualTo(Utf8.IsValid(content) ? Encoding.UTF8.GetString(content) : Latin1(content)));
                Assert.That(new string(buffer, 0, written), Is.EqualTo(text));
                Assert.That(usedLatin1, Is.EqualTo(!Utf8.IsValid(content)));
            }
        });

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Valid UTF-8 of any string, random bytes, and valid UTF-8 with one stray byte.</summary>
    private static Arbitrary<byte[]> AnyBytes { get; } = Arb.From(Gen.Frequency(
        (2, Hl7Gen.AnyString.Select(Encoding.UTF8.GetBytes)),
        (2, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (1, Hl7Gen.AnyString.SelectMany(
            text => Gen.Choose(0, 255),
            (text, stray) => Encoding.UTF8.GetBytes(text).Append((byte)stray).ToArray())),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => ByteOrderMark.Concat(bytes).ToArray()))));

    private static string Latin1(byte[] bytes) => string.Concat(bytes.Select(b => (char)b));

    private static TestCaseData Row(string text) => new TestCaseData(text).SetArgDisplayNames(text.Replace("\0", "<NUL>", StringComparison.Ordinal));

    private static TestCaseData Row(byte[] bytes, string expected) =>
        new TestCaseData(bytes, expected).SetArgDisplayNames(Convert.ToHexString(bytes));
}

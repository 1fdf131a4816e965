using System.Text;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

[TestFixture]
internal sealed class Utf16DecodingStreamTests
{
    // Long enough to cross the decoder's 64 KB chunks, with characters of 2, 3 and 4 UTF-8 bytes.
    private static readonly string Text = string.Concat(Enumerable.Repeat("MSH|^~\\&|É€𝄞\r", 9000));

    [TestCase(false)]
    [TestCase(true)]
    public void Read_Utf16WithByteOrderMark_IsTheSameTextAsUtf8WithItsMark(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Text)];
        using var decoding = new Utf16DecodingStream(new NonSeekableStream(bytes));

        var read = ReadAll(decoding, 777);

        Assert.That(read, Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Text))));
        Assert.That(decoding.DecodedFrom, Is.EqualTo(bigEndian ? "UTF-16BE" : "UTF-16LE"));
    }

    /// <summary>A surrogate pair, or a character's two bytes, split by the decoder's 64 KB chunks or by short reads underneath.</summary>
    [TestCase(32766, 1)]
    [TestCase(32767, 3)]
    [TestCase(32768, 65536)]
    [TestCase(65535, 7)]
    public void Read_CharactersSplitAcrossReads_AreDecodedWhole(int before, int innerRead)
    {
        var text = new string('a', before) + "𝄞é\r";
        var encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        using var decoding = new Utf16DecodingStream(new ShortReadStream(bytes, innerRead));

        var read = ReadAll(decoding, 4093);

        Assert.That(read, Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text))));
    }

    [TestCase("")]
    [TestCase("M")]
    [TestCase("MSH|^~\\&|")]
    public void Read_AnythingElse_PassesThroughUnchanged(string start)
    {
        var bytes = Encoding.UTF8.GetBytes(start + Text);
        using var decoding = new Utf16DecodingStream(new NonSeekableStream(bytes));

        Assert.That(ReadAll(decoding, 1), Is.EqualTo(bytes));
        Assert.That(decoding.DecodedFrom, Is.Null);
    }

    [Test]
    public void Read_OddByteAtTheEnd_BecomesAReplacementCharacter()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'A', 0, (byte)'B'];
        using var decoding = new Utf16DecodingStream(new NonSeekableStream(bytes));

        Assert.That(Encoding.UTF8.GetString(ReadAll(decoding, 4096)), Is.EqualTo("\uFEFFA\uFFFD"));
    }

    /// <summary>Hands out at most <paramref name="most"/> bytes a read, as a network stream may.</summary>
    private sealed class ShortReadStream(byte[] bytes, int most) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));
    }

    private static byte[] ReadAll(Stream stream, int size)
    {
        using var all = new MemoryStream();
        var buffer = new byte[size];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }
}

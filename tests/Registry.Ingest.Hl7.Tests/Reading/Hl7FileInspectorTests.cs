using System.Text;

namespace Registry.Ingest.Hl7.Tests.Reading;

public sealed class Hl7FileInspectorTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Array.Empty<byte>(), Hl7FileKind.Empty).SetName("Inspect_ZeroBytes_IsEmpty");
        yield return new TestCaseData(Encoding.ASCII.GetBytes(" \r\n\r\n\t"), Hl7FileKind.Empty).SetName("Inspect_OnlyWhiteSpace_IsEmpty");
        yield return new TestCaseData(new byte[] { 0xEF, 0xBB, 0xBF }, Hl7FileKind.Empty).SetName("Inspect_OnlyBom_IsEmpty");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("MSH|^~\\&|A\rPID|1"), Hl7FileKind.Messages).SetName("Inspect_MshFirst_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("FHS|^~\\&\r\n  MSH|^~\\&|A"), Hl7FileKind.Messages).SetName("Inspect_IndentedMshAfterFhs_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("name,dob\nDOE,2020\nXMSH|"), Hl7FileKind.NoMessages).SetName("Inspect_CsvFile_IsNoMessages");
        yield return new TestCaseData(Encoding.Unicode.GetBytes("MSH|^~\\&|A"), Hl7FileKind.NotText).SetName("Inspect_Utf16File_IsNotText");
        yield return new TestCaseData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00 }, Hl7FileKind.NotText).SetName("Inspect_ZipFile_IsNotText");
        yield return new TestCaseData(new byte[] { 0xEF, 0xBB }, Hl7FileKind.NoMessages).SetName("Inspect_HalfABom_IsText");
        yield return new TestCaseData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'M', (byte)'S', (byte)'H' }, Hl7FileKind.Messages).SetName("Inspect_BomThenMshAtTheEnd_IsMessages");
        yield return new TestCaseData(new byte[] { 0xEF, (byte)'M', (byte)'S', (byte)'H', (byte)'|' }, Hl7FileKind.NoMessages).SetName("Inspect_BrokenBomBeforeMsh_IsNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("\vMSH|^~\\&|A\rPID|1\r\u001C\r"), Hl7FileKind.Messages).SetName("Inspect_MllpFramedMessage_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("junk\r\nmsh|^~\\&|A"), Hl7FileKind.Messages).SetName("Inspect_LowerCaseMsh_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("junk\r\nMSHX|1"), Hl7FileKind.NoMessages).SetName("Inspect_MshxSegment_IsNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("MSH|^~\\&|A\rPID|1\r" + new string('\0', 64)), Hl7FileKind.Messages).SetName("Inspect_NulPaddingAtTheEnd_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("MSH|^~\\&|A\rPID|1\0\0\0\r\n\0 \u001A"), Hl7FileKind.Messages).SetName("Inspect_NulPaddingAmongWhiteSpaceAtTheEnd_IsMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("MSH|^~\\&|A\0\0\rPID|1"), Hl7FileKind.NotText).SetName("Inspect_NulBytesWithTextAfterThem_IsNotText");
        yield return new TestCaseData(new byte[] { 0, 0, 0 }, Hl7FileKind.Empty).SetName("Inspect_OnlyNulBytes_IsEmpty");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("FHS|^~\\&|A\rBHS|^~\\&|A\rBTS|0\rFTS|1\r"), Hl7FileKind.EmptyBatch).SetName("Inspect_EnvelopeWithoutMessages_IsEmptyBatch");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("\n  BHS|^~\\&|A\n\nBTS|0"), Hl7FileKind.EmptyBatch).SetName("Inspect_IndentedBatchHeaderAfterABlankLine_IsEmptyBatch");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("junk\n  BHS|^~\\&|A\nBTS|0"), Hl7FileKind.NoMessages).SetName("Inspect_BatchHeaderAfterOtherText_IsNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("FHS|^~\\&|A\nname,dob\nDOE,2020\n"), Hl7FileKind.NoMessages).SetName("Inspect_FileHeaderThenCsv_IsNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("FHS|^~\\&|A\nFT"), Hl7FileKind.NoMessages).SetName("Inspect_FileHeaderThenAPartialId_IsNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("BHS"), Hl7FileKind.EmptyBatch).SetName("Inspect_BatchHeaderIdAtTheEnd_IsEmptyBatch");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("BHSX|1\nfhs|^~\\&\nxFHS|"), Hl7FileKind.NoMessages).SetName("Inspect_LinesLikeButNotBatchHeaders_AreNoMessages");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("FHS|^~\\&|A\rMSH|^~\\&|A"), Hl7FileKind.Messages).SetName("Inspect_EnvelopeWithAMessage_IsMessages");
    }

    [TestCase("MSH|^~\\&|A\rPID|1\r\0\0", true, null)]
    [TestCase("MSH|^~\\&|A\rPID\0|1\r", false, 14L)]
    [TestCase("\uFEFFMSH|^~\\&|A\0x", false, 13L)]
    public void Inspection_NulBytes_SaysWhetherTheyArePaddingAndWhereTheFirstIs(string text, bool padding, long? firstNul)
    {
        for (int piece = 1; piece <= text.Length; piece++)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var inspection = new Hl7FileInspection();
            for (int at = 0; at < bytes.Length; at += piece)
            {
                inspection.Append(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
            }

            Assert.That((inspection.EndsWithNulPadding, padding ? null : inspection.FirstNulOffset), Is.EqualTo((padding, firstNul)), $"pieces of {piece} bytes");
        }
    }

    [TestCase("MSH|^~\\&|A\rPID\0|1\r", 2L)]
    [TestCase("MSH|^~\\&|A\r\nPID|1\r\n\nOBX\0", 4L)]
    [TestCase("MSH\n\rPID\r\r\n\0x", 5L)]
    [TestCase("\0MSH", 1L)]
    public void Inspection_NulBytesInText_SaysTheLineOfTheFirst(string text, long line)
    {
        for (int piece = 1; piece <= text.Length; piece++)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var inspection = new Hl7FileInspection();
            for (int at = 0; at < bytes.Length; at += piece)
            {
                inspection.Append(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
            }

            Assert.That(inspection.FirstNulLine, Is.EqualTo(line), $"pieces of {piece} bytes");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Inspection_Utf16WithoutByteOrderMark_LooksLikeUtf16(bool bigEndian)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240101||VXU^V04|1|P|2.5.1\r");
        var inspection = new Hl7FileInspection();
        for (int at = 0; at < bytes.Length; at += 3)
        {
            inspection.Append(bytes.AsSpan(at, Math.Min(3, bytes.Length - at)));
        }

        Assert.That((inspection.Kind, inspection.LooksLikeUtf16), Is.EqualTo((Hl7FileKind.NotText, true)));
    }

    [TestCase("PK\u0003\u0004\u0014\0\0\0\b\0abcdefghijklmnop")]
    [TestCase("MSH|^~\\&|A\rPID\0|1\r")]
    public void Inspection_OtherNulBytes_DoNotLookLikeUtf16(string text)
    {
        var inspection = new Hl7FileInspection();
        inspection.Append(Encoding.Latin1.GetBytes(text));

        Assert.That(inspection.LooksLikeUtf16, Is.False);
    }

    [TestCaseSource(nameof(Cases))]
    public void Inspect_FileContent_GivesItsKind(byte[] content, Hl7FileKind expected)
    {
        using var stream = new MemoryStream(content);

        Assert.That(Hl7FileInspector.Inspect(stream), Is.EqualTo(expected));
    }

    /// <summary>The one-pass form, fed in pieces of every size down to single bytes, agrees with the whole-file pass.</summary>
    [TestCaseSource(nameof(Cases))]
    public void Inspection_FedInPiecesOfAnySize_GivesTheSameKind(byte[] content, Hl7FileKind expected)
    {
        for (int piece = 1; piece <= Math.Max(1, content.Length); piece++)
        {
            var inspection = new Hl7FileInspection();
            for (int at = 0; at < content.Length; at += piece)
            {
                inspection.Append(content.AsSpan(at, Math.Min(piece, content.Length - at)));
            }

            Assert.That(inspection.Kind, Is.EqualTo(expected), $"pieces of {piece} bytes");
        }
    }

    [Test]
    public void Inspect_MshSplitAcrossReadChunks_IsFound()
    {
        var bytes = new byte[(128 * 1024) + 10];
        Array.Fill(bytes, (byte)'x');
        bytes[(128 * 1024) - 3] = (byte)'\n';
        "MSH|"u8.CopyTo(bytes.AsSpan((128 * 1024) - 2));
        using var stream = new MemoryStream(bytes);

        Assert.That(Hl7FileInspector.Inspect(stream), Is.EqualTo(Hl7FileKind.Messages));
    }
}

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
        yield return new TestCaseData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, Hl7FileKind.NotText).SetName("Inspect_ZipFile_IsNotText");
    }

    [TestCaseSource(nameof(Cases))]
    public void Inspect_FileContent_GivesItsKind(byte[] content, Hl7FileKind expected)
    {
        using var stream = new MemoryStream(content);

        Assert.That(Hl7FileInspector.Inspect(stream), Is.EqualTo(expected));
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

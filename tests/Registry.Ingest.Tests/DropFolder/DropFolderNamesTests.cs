using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Tests.DropFolder;

internal sealed class DropFolderNamesTests
{
    [TestCase("HL7_DCS0067_20240131.txt", false)]
    [TestCase("hl7_dcs0067_2024-01-31.txt", false)]
    [TestCase("notes.csv", false)]
    [TestCase("HL7_DCS0067_20240131.ack.txt", true)]
    [TestCase("HL7_DCS0067_20240131.ACK.TXT", true)]
    [TestCase("HL7_DCS0067_20240131.report.txt", true)]
    [TestCase(".HL7_DCS0067_20240131.txt.0123abcd.tmp", true)]
    [TestCase("upload.tmp", true)]
    [TestCase(".hidden", true)]
    [TestCase("HL7_DCS0067_20240131.txt.filepart", true)]
    [TestCase("HL7_DCS0067_20240131.txt.part", true)]
    [TestCase("HL7_DCS0067_20240131.txt.PARTIAL", true)]
    [TestCase("HL7_DCS0067_20240131.txt.crdownload", true)]
    [TestCase("HL7_DCS0067_20240131.txt.upload", true)]
    [TestCase("HL7_DCS0067_20240131_part.txt", false)]
    public void IsIgnored_Name_OurOutputsTemporaryAndHiddenNamesAreNeverTaken(string name, bool ignored) =>
        Assert.That(DropFolderNames.IsIgnored(name), Is.EqualTo(ignored));

    [Test]
    public void Temporary_AnyName_IsIgnoredByThePoller() =>
        Assert.That(DropFolderNames.IsIgnored(DropFolderNames.Temporary("HL7_DCS0067_20240131.ack.txt")), Is.True);

    [Test]
    public void IsOurTemporary_TemporaryName_IsOurs() =>
        Assert.That(DropFolderNames.IsOurTemporary(DropFolderNames.Temporary("HL7_DCS0067_20240131.ack.txt")), Is.True);

    [TestCase(".HL7_DCS0067_20240131.txt.0123abcd.tmp")]
    [TestCase(".HL7_DCS0067_20240131.txt.0123456789ABCDEF0123456789ABCDEF.tmp")]
    [TestCase("HL7_DCS0067_20240131.txt.0123456789abcdef0123456789abcdef.tmp")]
    [TestCase("..0123456789abcdef0123456789abcdef.tmp")]
    [TestCase(".HL7_DCS0067_20240131.txt-0123456789abcdef0123456789abcdef.tmp")]
    [TestCase(".HL7_DCS0067_20240131.txt.0123456789abcdef0123456789abcdef.TMP")]
    [TestCase("upload.tmp")]
    public void IsOurTemporary_ClinicsNames_AreNotOurs(string name) =>
        Assert.That(DropFolderNames.IsOurTemporary(name), Is.False);

    [Test]
    public void Candidates_Listing_LeavesOutOutputsAndSortsByName()
    {
        var at = DateTimeOffset.UnixEpoch;
        DropFolderEntry[] listing =
        [
            new("HL7_B_20240101.txt", 1, at), new("HL7_A_20240101.ack.txt", 1, at), new("HL7_A_20240101.txt", 1, at),
            new("HL7_A_20240101.report.txt", 1, at), new(".HL7_C.txt.1.tmp", 1, at),
        ];

        Assert.That(DropFolderNames.Candidates(listing).Select(e => e.Name), Is.EqualTo(new[] { "HL7_A_20240101.txt", "HL7_B_20240101.txt" }));
    }

    [TestCase("HL7_A_20240101.txt", 2, "HL7_A_20240101.2.txt")]
    [TestCase("noextension", 3, "noextension.3")]
    [TestCase(".txt", 2, ".txt.2")]
    public void Numbered_NameAndNumber_NumberGoesBeforeTheExtension(string name, int number, string expected) =>
        Assert.That(DropFolderNames.Numbered(name, number), Is.EqualTo(expected));

    [TestCase(254, 'A', 12)]
    [TestCase(255, 'A', 2)]
    [TestCase(128, '\u00c9', 100)]
    public void Numbered_NameTooLongToTakeTheNumber_IsCutBeforeIt(int length, char filler, int number)
    {
        // 254 bytes with ".txt": uploaded twice, the second could not be moved and was retried forever.
        var name = new string(filler, length - 4) + ".txt";

        var numbered = DropFolderNames.Numbered(name, number);

        Assert.That(System.Text.Encoding.UTF8.GetByteCount(numbered), Is.LessThanOrEqualTo(DropFolderNames.MaxNameBytes));
        Assert.That(numbered, Does.EndWith($".{number}.txt").And.StartWith(name[..50]));
    }

    [TestCase("HL7_DCS0067_20240131.txt", true)]
    [TestCase("HL7 CLINIC_20240131.txt", true)]
    [TestCase("HL7_CL\u00cdNICA_20240131.txt", true)]
    [TestCase("HL7_A\\B_20240101.txt", false)]
    [TestCase("HL7_A\nFAKE LOG LINE_20240101.txt", false)]
    [TestCase("HL7_CL\uFFFDNICA_20240101.txt", false)]
    [TestCase("..", false)]
    public void CanHandle_Name_IsTrueOnlyForNamesSafeToReadMoveAndAnswer(string name, bool expected) =>
        Assert.That(DropFolderNames.CanHandle(name), Is.EqualTo(expected));
}

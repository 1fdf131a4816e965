using System.Text;
using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

/// <summary>A damaged data file stops loading with a message that names the file and the line.</summary>
[TestFixture]
internal sealed class CodeTableLoaderErrorTests
{
    // file, line to replace (1-based), replacement text, expected words of the reason.
    private static IEnumerable<TestCaseData> DamagedLines()
    {
        yield return Row("cvx.tsv", 1, "code\tdescription\tstatus\tnonvaccine", "expected the header row 'code<TAB>short_description<TAB>status<TAB>nonvaccine'");
        yield return Row("cvx.tsv", 3, "02\tOPV, trivalent\tInactive", "expected 4 tab-separated fields");
        yield return Row("cvx.tsv", 3, "02\tOPV, trivalent\tInactive\t0\t", "expected 4 tab-separated fields");
        yield return Row("cvx.tsv", 4, "03\tMMR\tActive\t2", "the nonvaccine flag '2' is not 0 or 1");
        yield return Row("cvx.tsv", 5, "04\tM/R\tRetired\t0", "the status 'Retired' is not one of");
        yield return Row("cvx.tsv", 5, "04\tM/R\tactive\t0", "the status 'active' is not one of");
        yield return Row("cvx.tsv", 6, "5\tDTaP\tInactive\t0", "the CVX code '5' is not two or three digits");
        yield return Row("cvx.tsv", 7, "01\tDTP\tInactive\t0", "the CVX code '01' is already on line 2");
        yield return Row("cvx.tsv", 8, string.Empty, "the line is blank");
        yield return Row("cvx.tsv", 9, "08\tHep B \tActive\t0", "the short_description field has leading or trailing white space");
        yield return Row("cvx.tsv", 10, "09\t\tActive\t0", "the short_description field is empty");
        yield return Row("cvx_vaccine_group.tsv", 2, "777\tDTAP", "the CVX code '777' is not in cvx.tsv");
        yield return Row("cvx_vaccine_group.tsv", 3, "01\tDTAP", "CVX 01 is already in vaccine group 'DTAP'");
        yield return Row("mvx.tsv", 2, "ab\tAbbott Laboratories\tInactive", "the MVX code 'ab' is not upper-case letters");
        yield return Row("mvx.tsv", 3, "AB\tAcambis, Inc\tInactive", "the MVX code 'AB' is already on line 2");
        yield return Row("mvx.tsv", 4, "AD\tAdams Laboratories, Inc.\tRetired", "the status 'Retired' is not Active or Inactive");
        yield return Row("hl7_tables.tsv", 3, "HL70001\tF\tFemale", "the code 'F' of table HL70001 is already on line 2");
        yield return Row("hl7_tables.tsv", 2, "HL70001\tF", "expected 3 tab-separated fields (table, code, description) but found 2");
        yield return Row("hl7_tables.tsv", 2, "HL7 0001\tF\tFemale", "the table name 'HL7 0001' is not letters A-Z and digits");
    }

    [TestCaseSource(nameof(DamagedLines))]
    public void Load_DamagedLine_ThrowsNamingTheFileAndLine(string file, int line, string replacement, string reason)
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        string path = folder.Combine(file);
        ReplaceLine(path, line, replacement);

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(folder.Path));

        Assert.That(ex.FilePath, Is.EqualTo(path));
        Assert.That(ex.Line, Is.EqualTo(line));
        Assert.That(ex.Message, Does.StartWith($"Cannot load code table file '{path}', line {line}: "));
        Assert.That(ex.Message, Does.Contain(reason));
    }

    [TestCase("cvx.tsv")]
    [TestCase("cvx_vaccine_group.tsv")]
    [TestCase("mvx.tsv")]
    [TestCase("hl7_tables.tsv")]
    public void Load_MissingFile_ThrowsNamingTheFile(string file)
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        File.Delete(folder.Combine(file));

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(folder.Path));

        Assert.That(ex.FilePath, Is.EqualTo(folder.Combine(file)));
        Assert.That(ex.Line, Is.Null);
        Assert.That(ex.Message, Does.Contain($"'{folder.Combine(file)}': the file does not exist"));
    }

    [Test]
    public void Load_MissingDirectory_ThrowsNamingTheFirstFile()
    {
        using var folder = TempFolder.ForCaller();
        string missing = Path.Combine(folder.Path, "no-such-dir");

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(missing));

        Assert.That(ex.FilePath, Is.EqualTo(Path.Combine(missing, "cvx.tsv")));
        Assert.That(ex.Message, Does.Contain("the file does not exist"));
    }

    [Test]
    public void Load_EmptyFile_ThrowsNamingTheFile()
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        File.WriteAllText(folder.Combine("mvx.tsv"), string.Empty);

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(folder.Path));

        Assert.That(ex.FilePath, Is.EqualTo(folder.Combine("mvx.tsv")));
        Assert.That(ex.Message, Does.Contain("the file is empty"));
    }

    [Test]
    public void Load_TableWithoutRows_ThrowsNamingTheTable()
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        string path = folder.Combine("hl7_tables.tsv");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("HL70322\t", StringComparison.Ordinal)));

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(folder.Path));

        Assert.That(ex.FilePath, Is.EqualTo(path));
        Assert.That(ex.Message, Does.Contain("there are no rows for table HL70322"));
    }

    [Test]
    public void Load_InvalidUtf8_ThrowsNamingTheLine()
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        string path = folder.Combine("cvx.tsv");
        byte[] bytes = File.ReadAllBytes(path);
        int thirdLine = Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n') + 1) + 1;
        bytes[thirdLine + 4] = 0xE9; // Latin-1 'é' inside "OPV, trivalent"
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<CodeTableLoadException>(() => CodeTableLoader.Load(folder.Path));

        Assert.That(ex.Line, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("not valid UTF-8"));
    }

    [Test]
    public void Load_CrlfLineEndsAndBom_LoadsTheSameRows()
    {
        using var folder = ShippedCodeTables.CopyToTempFolder();
        string path = folder.Combine("cvx.tsv");
        string crlf = File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllText(path, crlf, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var tables = CodeTableLoader.Load(folder.Path);

        Assert.That(
            tables.CvxCodes.Select(c => (c.Code, c.Description, c.Status, c.IsNonVaccine)),
            Is.EqualTo(ShippedCodeTables.Instance.CvxCodes.Select(c => (c.Code, c.Description, c.Status, c.IsNonVaccine))));
    }

    private static TestCaseData Row(string file, int line, string replacement, string reason) =>
        new TestCaseData(file, line, replacement, reason).SetArgDisplayNames(file, $"line {line}", reason);

    private static void ReplaceLine(string path, int line, string replacement)
    {
        string[] lines = File.ReadAllLines(path);
        lines[line - 1] = replacement;
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}

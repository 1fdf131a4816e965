using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

/// <summary>The shipped files load from beside the executable with the counts Data/SOURCES.md documents.</summary>
[TestFixture]
internal sealed class CodeTableLoaderTests
{
    private static readonly CodeTableSet Tables = ShippedCodeTables.Instance;

    [Test]
    public void DefaultDirectory_AfterBuild_IsDataBesideTheExecutableAndHoldsEveryFile()
    {
        string expected = Path.Combine(AppContext.BaseDirectory, "Data");

        Assert.That(CodeTableLoader.DefaultDirectory, Is.EqualTo(expected));
        Assert.That(
            new[] { CodeTableLoader.CvxFileName, CodeTableLoader.CvxVaccineGroupFileName, CodeTableLoader.MvxFileName, CodeTableLoader.Hl7TablesFileName, "SOURCES.md" },
            Has.All.Matches<string>(name => File.Exists(Path.Combine(expected, name))));
    }

    [Test]
    public void Load_ShippedFiles_Has288CvxCodesWithTheDocumentedStatuses()
    {
        Assert.That(Tables.CvxCodes, Has.Length.EqualTo(288));
        Assert.That(Tables.CvxCodes.Count(c => c.Status == CvxStatus.Active), Is.EqualTo(113));
        Assert.That(Tables.CvxCodes.Count(c => c.Status == CvxStatus.Inactive), Is.EqualTo(118));
        Assert.That(Tables.CvxCodes.Count(c => c.Status == CvxStatus.NonUS), Is.EqualTo(39));
        Assert.That(Tables.CvxCodes.Count(c => c.Status == CvxStatus.NeverActive), Is.EqualTo(18));
        Assert.That(Tables.CvxCodes.Count(c => c.IsNonVaccine), Is.EqualTo(30));
    }

    [Test]
    public void Load_ShippedFiles_Has256VaccineGroupRowsAnd58CodesWithoutAGroup()
    {
        Assert.That(Tables.CvxCodes.Sum(c => c.VaccineGroups.Length), Is.EqualTo(256));
        Assert.That(Tables.CvxCodes.Count(c => c.VaccineGroups.IsEmpty), Is.EqualTo(58));
        Assert.That(Tables.CvxCodes.SelectMany(c => c.VaccineGroups).Distinct().Count(), Is.EqualTo(38));
    }

    [Test]
    public void Load_ShippedFiles_Has89MvxCodesWithTheDocumentedStatuses()
    {
        Assert.That(Tables.MvxCodes, Has.Length.EqualTo(89));
        Assert.That(Tables.MvxCodes.Count(m => m.Status == MvxStatus.Active), Is.EqualTo(36));
        Assert.That(Tables.MvxCodes.Count(m => m.Status == MvxStatus.Inactive), Is.EqualTo(53));
    }

    // Rows per table, from the table in Data/SOURCES.md §4.
    [TestCase(CodeTableNames.Sex, 4)]
    [TestCase(CodeTableNames.Relationship, 15)]
    [TestCase(CodeTableNames.VfcEligibility, 11)]
    [TestCase(CodeTableNames.FundingSource, 10)]
    [TestCase(CodeTableNames.Route, 8)]
    [TestCase(CodeTableNames.RouteNcit, 8)]
    [TestCase(CodeTableNames.Site, 17)]
    [TestCase(CodeTableNames.CompletionStatus, 4)]
    [TestCase(CodeTableNames.ActionCode, 3)]
    [TestCase(CodeTableNames.InformationSource, 9)]
    [TestCase(CodeTableNames.RefusalReason, 4)]
    [TestCase(CodeTableNames.IdentifierType, 77)]
    [TestCase(CodeTableNames.Race, 9)]
    [TestCase(CodeTableNames.Ethnicity, 5)]
    [TestCase(CodeTableNames.PublicityCode, 12)]
    [TestCase(CodeTableNames.RegistryStatus, 7)]
    [TestCase(CodeTableNames.AcknowledgmentCode, 3)]
    [TestCase(CodeTableNames.ErrorCondition, 13)]
    [TestCase(CodeTableNames.ErrorSeverity, 3)]
    [TestCase(CodeTableNames.ApplicationError, 8)]
    [TestCase(CodeTableNames.Loinc, 29)]
    public void Load_ShippedHl7Tables_TableHasTheDocumentedRowCount(string table, int rows)
    {
        Assert.That(Tables.GetTable(table).Count, Is.EqualTo(rows));
    }

    [Test]
    public void Load_ShippedHl7Tables_HasExactlyTheNamedTablesAnd259Rows()
    {
        Assert.That(Tables.TableNames, Is.EquivalentTo(CodeTableNames.All));
        Assert.That(Tables.TableNames.Sum(name => Tables.GetTable(name).Count), Is.EqualTo(259));
    }
}

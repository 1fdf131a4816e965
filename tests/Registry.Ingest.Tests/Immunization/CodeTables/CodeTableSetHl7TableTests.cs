using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

[TestFixture]
internal sealed class CodeTableSetHl7TableTests
{
    private static readonly CodeTableSet Tables = ShippedCodeTables.Instance;

    [TestCase(CodeTableNames.CompletionStatus, "CP", "Complete")]
    [TestCase(CodeTableNames.ApplicationError, "5", "Table value not found")]
    [TestCase(CodeTableNames.FundingSource, "VXC1", "Federal funds")]
    [TestCase(CodeTableNames.Site, "MO", "Mouth")]
    [TestCase(CodeTableNames.InformationSource, "00", "New immunization record")]
    public void Describe_KnownCode_ReturnsItsDescription(string table, string code, string description)
    {
        Assert.That(Tables.Describe(table, code), Is.EqualTo(description));
    }

    [TestCase(CodeTableNames.CompletionStatus, "cp")]
    [TestCase(CodeTableNames.Sex, "f")]
    [TestCase(CodeTableNames.ActionCode, "X")]
    [TestCase(CodeTableNames.InformationSource, "0")]
    [TestCase(CodeTableNames.Site, "")]
    public void Contains_CodeNotInTable_IsFalseAndDescribeIsNull(string table, string code)
    {
        Assert.That(Tables.Contains(table, code, out string? canonical), Is.False);
        Assert.That(canonical, Is.Null);
        Assert.That(Tables.Describe(table, code), Is.Null);
    }

    [Test]
    public void Contains_CodeInsideLargerText_ReturnsTheTablesOwnString()
    {
        const string segment = "RXA|0|1|20200101||141^Flu^CVX||||||||||||||CP|A";
        int start = segment.IndexOf("|CP|", StringComparison.Ordinal) + 1;
        string expected = Tables.GetTable(CodeTableNames.CompletionStatus).Entries.Single(e => e.Code == "CP").Code;

        Assert.That(Tables.Contains(CodeTableNames.CompletionStatus, segment.AsSpan(start, 2), out string? canonical), Is.True);
        Assert.That(canonical, Is.SameAs(expected));
    }

    [Test]
    public void GetTable_UnknownName_ThrowsNamingTheTable()
    {
        Assert.That(
            () => Tables.Contains("HL7001", "F", out _),
            Throws.ArgumentException.With.Message.Contains("HL7001"));
        Assert.That(Tables.TryGetTable("HL7001", out var table), Is.False);
        Assert.That(table, Is.Null);
    }
}

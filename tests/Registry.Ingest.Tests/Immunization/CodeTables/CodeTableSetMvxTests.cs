using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

[TestFixture]
internal sealed class CodeTableSetMvxTests
{
    private static readonly CodeTableSet Tables = ShippedCodeTables.Instance;

    [TestCase("PMC")]
    [TestCase("pmc")]
    [TestCase("Pmc")]
    public void TryGetMvx_AnyAsciiCase_ReturnsTheUpperCaseCode(string sent)
    {
        Assert.That(Tables.TryGetMvx(sent, out var mvx), Is.True);
        Assert.That(mvx!.Code, Is.EqualTo("PMC"));
        Assert.That(mvx.Manufacturer, Is.EqualTo("Sanofi Pasteur"));
        Assert.That(mvx.Status, Is.EqualTo(MvxStatus.Active));
        Assert.That(mvx.Code, Is.SameAs(Tables.MvxCodes.Single(m => m.Code == "PMC").Code));
    }

    [TestCase("")]
    [TestCase("PM")]
    [TestCase("PMCX")]
    [TestCase(" PMC")]
    [TestCase("XYZ")]
    public void TryGetMvx_UnknownCode_IsNotFound(string sent)
    {
        Assert.That(Tables.TryGetMvx(sent, out var mvx), Is.False);
        Assert.That(mvx, Is.Null);
    }

    [Test]
    public void MvxCodes_ShippedFile_AreAllUpperCase()
    {
        Assert.That(Tables.MvxCodes.Select(m => m.Code), Has.None.Matches<string>(c => c.Any(char.IsLower)));
    }
}

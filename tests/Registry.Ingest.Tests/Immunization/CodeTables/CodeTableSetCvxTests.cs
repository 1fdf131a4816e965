using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

[TestFixture]
internal sealed class CodeTableSetCvxTests
{
    private static readonly CodeTableSet Tables = ShippedCodeTables.Instance;

    [Test]
    public void TryGetCvx_KnownCode_ReturnsTheRowWithItsGroups()
    {
        string[] mmrv = ["MMR", "VARICELLA"];

        bool found = Tables.TryGetCvx("94", out var cvx);

        Assert.That(found, Is.True);
        Assert.That(cvx!.Code, Is.EqualTo("94"));
        Assert.That(cvx.Description, Is.EqualTo("MMRV"));
        Assert.That(cvx.Status, Is.EqualTo(CvxStatus.Active));
        Assert.That(cvx.IsNonVaccine, Is.False);
        Assert.That(cvx.VaccineGroups, Is.EquivalentTo(mmrv));
    }

    [Test]
    public void TryGetCvx_NonVaccineCode_IsFlagged()
    {
        Assert.That(Tables.TryGetCvx("998", out var cvx), Is.True);
        Assert.That(cvx!.IsNonVaccine, Is.True);
        Assert.That(cvx.VaccineGroups, Is.Empty);
    }

    [TestCase("1", "01")]
    [TestCase("3", "03")]
    [TestCase("8", "08")]
    [TestCase("9", "09")]
    [TestCase("008", "08")]
    [TestCase("020", "20")]
    [TestCase("094", "94")]
    public void TryGetCvx_SingleDigitOrZeroPaddedToThree_FindsTheTwoDigitCode(string sent, string canonical)
    {
        Assert.That(Tables.TryGetCvx(sent, out var cvx), Is.True);
        Assert.That(cvx!.Code, Is.EqualTo(canonical));
        Assert.That(Tables.TryGetCvx(canonical, out var same), Is.True);
        Assert.That(cvx, Is.SameAs(same));
    }

    [TestCase("")]
    [TestCase("0")]
    [TestCase("000")]
    [TestCase("0008")]
    [TestCase("0141")]
    [TestCase(" 08")]
    [TestCase("08 ")]
    [TestCase("\uFF18")] // full-width digit 8
    [TestCase("335")]
    [TestCase("MMR")]
    public void TryGetCvx_OtherSpellings_AreNotFound(string sent)
    {
        Assert.That(Tables.TryGetCvx(sent, out var cvx), Is.False);
        Assert.That(cvx, Is.Null);
    }

    [Test]
    public void TryGetCvx_SpanInsideMessageText_ReturnsTheTablesOwnString()
    {
        const string field = "141^Influenza, seasonal^CVX";
        ReadOnlySpan<char> code = field.AsSpan(0, field.IndexOf('^', StringComparison.Ordinal));

        Assert.That(Tables.TryGetCvx(code, out var cvx), Is.True);
        Assert.That(cvx!.Code, Is.SameAs(Tables.CvxCodes.Single(c => c.Code == "141").Code));
    }
}

using NUnit.Framework;
using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Tests.DropFolder;

[TestFixture]
internal sealed class BatchFileNameTests
{
    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.ValidNames))]
    public void Parse_ValidName_ReturnsClinicDateTimeAndBaseName(string name, string clinic, DateOnly date, TimeOnly? time, string baseName)
    {
        var result = BatchFileName.Parse(name);

        Assert.That(result.Succeeded, Is.True, () => result.Error!.Message);
        Assert.That(result.Error, Is.Null);
        Assert.That(result.Name!.Clinic, Is.EqualTo(clinic));
        Assert.That(result.Name.Date, Is.EqualTo(date));
        Assert.That(result.Name.Time, Is.EqualTo(time));
        Assert.That(result.Name.BaseName, Is.EqualTo(baseName));
        Assert.That(result.Name.FileName, Is.SameAs(name));
    }

    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.InvalidNames))]
    public void Parse_InvalidName_FailsWithTheRuleAndSaysWhy(string name, BatchFileNameRule rule, string words)
    {
        var result = BatchFileName.Parse(name);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Name, Is.Null);
        Assert.That(result.Error!.Rule, Is.EqualTo(rule));
        Assert.That(result.Error.Message, Does.Contain(words));
    }

    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.InvalidNames))]
    public void Parse_InvalidName_MessageStatesTheNamingRule(string name, BatchFileNameRule rule, string words)
    {
        string message = BatchFileName.Parse(name).Error!.Message;

        Assert.That(message, Does.EndWith(BatchFileName.NamingRule));
        Assert.That(message, Does.Contain("HL7_<ClinicName>_<YYYYMMDD>.txt or HL7_<ClinicName>_<YYYYMMDD>_<HHMMSS>.txt"));
        Assert.That(message, Does.Contain("1-50 characters A-Z, a-z, 0-9 or '-'"));
    }

    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.InvalidNames))]
    public void Parse_InvalidName_MessageIsPrintableAsciiOnly(string name, BatchFileNameRule rule, string words)
    {
        string message = BatchFileName.Parse(name).Error!.Message;

        Assert.That(message, Has.All.InRange(' ', '~'));
    }

    [TestCase("../x")]
    [TestCase("..\\..\\windows\\system32\\HL7_A_20100810.txt")]
    [TestCase("/etc/HL7_A_20100810.txt")]
    public void Parse_NameThatCouldEscapeTheFolder_MessageDoesNotRepeatTheName(string name)
    {
        var result = BatchFileName.Parse(name);

        Assert.That(result.Error!.Rule, Is.EqualTo(BatchFileNameRule.UnsafeName));
        Assert.That(result.Error.Message, Does.Not.Contain(name));
    }

    [Test]
    public void Parse_Null_Throws()
    {
        Assert.That(() => BatchFileName.Parse(null!), Throws.ArgumentNullException);
    }
}

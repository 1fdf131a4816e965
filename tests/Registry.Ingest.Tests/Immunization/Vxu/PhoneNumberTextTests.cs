using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>The 2.3.1 form of a phone number, written whole in XTN-1, is read into area code and number.</summary>
[TestFixture]
internal sealed class PhoneNumberTextTests
{
    [TestCase("(312)555-1212", "312", "5551212")]
    [TestCase("312-555-1212 x22", "312", "5551212")]
    [TestCase("+1 312.555.1212", "312", "5551212")]
    [TestCase("555-1212", null, "5551212")]
    [TestCase("55512", null, null)]
    [TestCase("+44 20 7946 0958", null, null)]
    [TestCase("jane@example.org", null, null)]
    public void NorthAmericanNumber_Text_GivesAreaAndLocalNumber(string text, string? area, string? local) =>
        Assert.That(Addresses.NorthAmericanNumber(text), Is.EqualTo((area, local)));

    [Test]
    public void Validate_231PhonesWrittenWhole_AreReadAsNumbers()
    {
        var message = SampleVxu.Valid231().With("PID-13", "(312)555-1212^PRN^PH").Replace("NK1", "NK1|1|SAMPLE^MARGARET|MTH^Mother^HL70063||(312)555-3434");

        var update = VxuValidation.Validate(message).Update!;

        Assert.That((update.Patient.Phones[0].AreaCode, update.Patient.Phones[0].LocalNumber), Is.EqualTo(("312", "5551212")));
        Assert.That((update.NextOfKin[0].Phones[0].AreaCode, update.NextOfKin[0].Phones[0].LocalNumber), Is.EqualTo(("312", "5553434")));
    }
}

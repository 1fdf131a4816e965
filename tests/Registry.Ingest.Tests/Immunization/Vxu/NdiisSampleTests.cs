using System.Text;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>
/// The NDIIS specification's examples, defects included (PID-3 <c>^P</c> with the number in PID-2,
/// RXA-15..21 shifted, PID fields shifted by one): each gets an accurate, located result, never an
/// exception and never a silent accept.
/// </summary>
[TestFixture]
internal sealed class NdiisSampleTests
{
    private static IEnumerable<string> AllSamples => NdiisSamples.All;

    private static IEnumerable<string> VxuSamples => NdiisSamples.VxuExamples;

    [TestCaseSource(nameof(AllSamples))]
    public void Validate_Sample_GivesOneResultWhoseIssuesAreAllLocated(string sample)
    {
        var bytes = NdiisSamples.Read(sample);
        int lines = bytes.Count(b => b == (byte)'\r');

        var results = VxuValidation.ValidateFile(bytes);

        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(results[0].Issues, Is.Not.Empty);
        foreach (var issue in results[0].Issues)
        {
            Assert.That(issue.Location, Is.Not.Null, issue.Rule.Id);
            var location = issue.Location!.Value;
            Assert.That(location.SegmentId, Has.Length.EqualTo(3), issue.Rule.Id);
            Assert.That(location.SegmentSequence, Is.Positive, issue.Rule.Id);
            Assert.That(location.Line, Is.InRange(1, lines), issue.Rule.Id);
            Assert.That(issue.Text, Is.Not.Empty, issue.Rule.Id);
        }
    }

    [Test]
    public void Validate_Example1_IsRejectedForEmptyPid3AndReportsPid2()
    {
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(NdiisSamples.Example1)).Single();

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Null);
        Assert.That(result.VaccinationsAccepted, Is.Zero);
        var pid3 = result.Issues.Single(i => i.Rule == Rules.PatientIdentifierMissing);
        Assert.That((pid3.Severity, pid3.Location), Is.EqualTo((Severity.Error, (Hl7Location?)new Hl7Location("PID", 1, 3, Line: 2))));
        var pid2 = result.Issues.Single(i => i.Rule == Rules.PatientIdInPid2);
        Assert.That((pid2.Severity, pid2.Location), Is.EqualTo((Severity.Warning, (Hl7Location?)new Hl7Location("PID", 1, 2, Line: 2))));
    }

    [TestCaseSource(nameof(VxuSamples))]
    public void Validate_VxuSample_IsRejectedForEmptyPid3(string sample)
    {
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(sample)).Single();

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Null);
        Assert.That(result.Issues.Where(i => i.Severity == Severity.Error).Select(i => i.Rule), Is.EqualTo(new[] { Rules.PatientIdentifierMissing }));
    }

    [TestCase(NdiisSamples.Example1, 1)]
    [TestCase(NdiisSamples.Example2, 1)]
    [TestCase(NdiisSamples.Example3TwoVaccinations, 2)]
    public void Validate_SampleWithShiftedRxaFields_ReportsTheLotOfEachVaccinationAsMalformed(string sample, int vaccinations)
    {
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(sample)).Single();

        var lots = result.Issues.Where(i => i.Rule == Rules.LotNumberMalformed).ToList();
        Assert.That(lots.Select(i => i.Vaccination), Is.EqualTo(Enumerable.Range(1, vaccinations).Select(n => (int?)n)));
        Assert.That(lots.Select(i => i.Location!.Value.SegmentSequence), Is.EqualTo(Enumerable.Range(1, vaccinations)));
    }

    [TestCaseSource(nameof(VxuSamples))]
    public void Validate_Sample_ReportsEachObxWhoseResultStatusIsNotInOBX11(string sample)
    {
        // The samples put F in OBX-9 and the observation's date in OBX-11: each OBX is told, at OBX-11.
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(sample)).Single();
        int observations = Encoding.UTF8.GetString(NdiisSamples.Read(sample)).Split('\r').Count(s => s.StartsWith("OBX|", StringComparison.Ordinal));

        var shifted = result.Issues.Where(i => i.Rule == Rules.ObservationStatusInvalid || i.Rule == Rules.ObservationStatusMissing).ToList();

        Assert.That(shifted.Select(i => (i.Location!.Value.SegmentId, i.Location.Value.Field)).ToList(), Has.Count.EqualTo(observations).And.All.EqualTo(("OBX", 11)));
    }

    [TestCaseSource(nameof(VxuSamples))]
    public void Validate_Sample_ReportsThePhoneNumberShiftedOutOfPid13(string sample)
    {
        // The examples' phone sits in PID-11 (address) or PID-12 (county code), "((701)..." in one.
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(sample)).Single();

        var phone = result.Issues.Single(i => i.Rule == Rules.PhoneMisplaced);

        Assert.That(phone.Location!.Value.Field, Is.AnyOf(11, 12));
        Assert.That(phone.Text, Does.StartWith(phone.Location.Value.Field == 11 ? "PID-11 (address)" : "PID-12 (county code)"));
    }

    [Test]
    public void Validate_Example3_ReportsFundingCodesNamedWithAnotherCodingSystem()
    {
        // VXC2^State Funds^HL70396, once per dose: read as the code it is, and told, at the coding
        // system's component. (SKB^GlaxoSmithKline^MV sits in RXA-15 there, shifted: rxa-15-invalid.)
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(NdiisSamples.Example3TwoVaccinations)).Single();

        var systems = result.Issues.Where(i => i.Rule == Rules.CodingSystemUnexpected).Select(i => (i.Location!.Value.SegmentId, i.Location.Value.Field, i.Location.Value.Component, i.Location.Value.Line)).ToList();

        Assert.That(systems, Is.EquivalentTo(new[] { ("OBX", 5, 3, 9), ("OBX", 5, 3, 16) }));
    }

    [Test]
    public void Validate_Example3_LocatesTheSecondVaccinationsIssuesOnItsOwnRxa()
    {
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(NdiisSamples.Example3TwoVaccinations)).Single();

        var second = result.Issues.Where(i => i.Vaccination == 2).ToList();
        Assert.That(second, Is.Not.Empty);
        Assert.That(second.Where(i => i.Rule.Id != "orc-3-reused" && i.Location!.Value.SegmentId == "RXA").Select(i => (i.Location!.Value.SegmentSequence, i.Location.Value.Line)), Is.All.EqualTo((2, 13)));
        Assert.That(
            second.Where(i => i.Rule == Rules.ObservationStatusInvalid).Select(i => (i.Rule.Id, i.Location!.Value.SegmentSequence, i.Location.Value.Line)),
            Is.EqualTo(new[] { ("obx-11-invalid", 5, 15), ("obx-11-invalid", 6, 16), ("obx-11-invalid", 7, 17), ("obx-11-invalid", 8, 18) }),
            "the second group's own OBX, each shifted");
        Assert.That(result.VaccinationsRead, Is.EqualTo(2));

        // Both doses carry the first's ORC-3 (00998877): the second's is reported on its own ORC.
        var reused = second.Single(i => i.Rule.Id == "orc-3-reused");
        Assert.That((reused.Location!.Value.SegmentId, reused.Location.Value.SegmentSequence, reused.Location.Value.Field, reused.Location.Value.Line), Is.EqualTo(("ORC", 2, 3, 12)));
    }

    [Test]
    public void Validate_Example4_ReportsTheHistoricalDoseShiftedIntoRxa8AsAnAdministeredDoseMissingItsDetails()
    {
        // RXA-9 "01^Historical" sits in RXA-8, so the dose reads as administered: the warnings say what is missing.
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(NdiisSamples.Example4Historical)).Single();

        Assert.That(
            result.Issues.Where(i => i.Vaccination == 1).Select(i => i.Rule),
            Is.SupersetOf(new[] { Rules.InformationSourceMissing, Rules.AmountMissing, Rules.LotNumberMissing, Rules.EligibilityMissing, Rules.FundingSourceMissing }));
    }

    [Test]
    public void Validate_Example1WithPid3Repaired_StoresTheVaccinationWithItsValuesIgnoredAndWarnings()
    {
        var text = Encoding.UTF8.GetString(NdiisSamples.Read(NdiisSamples.Example1)).Replace("|50000009|^P|", "|50000009|50000009^^^SEDFAC^MR|", StringComparison.Ordinal);

        var result = VxuValidation.ValidateFile(text).Single();

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.Issues.Select(i => i.Severity), Is.All.EqualTo(Severity.Warning));
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That(vaccination.CvxCode, Is.EqualTo("161"));
        Assert.That((vaccination.LotNumber, vaccination.MvxCode, vaccination.ExpirationDate), Is.EqualTo(((string?)null, (string?)null, (DateOnly?)null)), "shifted values are ignored, not stored in the wrong place");
        Assert.That((vaccination.VfcEligibility, vaccination.FundingSource), Is.EqualTo(("V01", "PHC70")));
    }

    [Test]
    public void Validate_QueryExample_IsRejectedAsUnsupportedMessageType()
    {
        var result = VxuValidation.ValidateFile(NdiisSamples.Read(NdiisSamples.QueryExample)).Single();

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AR));
        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.MessageTypeUnsupported }));
        Assert.That(result.Issues[0].Text, Does.Contain("'QBP'"));
    }
}

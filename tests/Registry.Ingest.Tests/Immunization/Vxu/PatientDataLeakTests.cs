using FsCheck;
using FsCheck.Fluent;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>
/// Issue texts go into ACKs, reports and logs: they may quote codes, never a patient's name, birth
/// date, address, phone or identifier, even when those values are invalid or in the wrong field.
/// </summary>
[TestFixture]
internal sealed class PatientDataLeakTests
{
    private static readonly Gen<string> Word =
        Gen.Choose(7, 10).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), n)).Select(c => new string(c));

    private static Gen<string> Digits(int count) =>
        Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), count).Select(c => new string(c));

    private static readonly Gen<string> ValidBirthDate =
        Gen.Choose(0, 8000).Select(days => new DateOnly(2001, 1, 1).AddDays(days).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Gen<string> InvalidBirthDate = Gen.OneOf(
        Gen.Choose(1990, 2023).Zip(Gen.Choose(13, 19), (y, m) => $"{y}{m}12"),
        Gen.Choose(1990, 2023).Select(y => $"{y}0231"),
        Gen.Choose(1990, 2023).Select(y => $"{y}-04-15"),
        Gen.Choose(1990, 2023).Select(y => $"APR 15 {y}"),
        Gen.Choose(1990, 2023).Select(y => $"15/04/{y}"));

    private static readonly Gen<SensitivePatient> Patients =
        from id in Digits(7).Select(d => $"MRN{d}")
        from family in Word
        from given in Word
        from middle in Word
        from maiden in Word
        from corruption in Gen.Elements(Enum.GetValues<Corruption>())
        from birth in corruption == Corruption.InvalidBirthDate ? InvalidBirthDate : ValidBirthDate
        from street in Word
        from city in Word
        from zip in Digits(5)
        from local in Digits(7)
        from kinFamily in Word
        from kinGiven in Word
        from position in Gen.Choose(0, 1000)
        select new SensitivePatient(id, family, given, middle, maiden, birth, street, city, zip, local, kinFamily, kinGiven, corruption, position);

    [FsCheck.NUnit.Property(MaxTest = 500, QuietOnSuccess = true)]
    public Property Validate_AnyPatientAnyCorruption_NoIssueTextQuotesPatientData() =>
        Prop.ForAll(Patients.ToArbitrary(), patient =>
        {
            var leaks = Leaks(VxuValidation.ValidateFile(patient.Message()), patient.Tokens);
            return (leaks.Count == 0).Label(string.Join(" | ", leaks));
        });

    [TestCase("19981912")]
    [TestCase("2023-04-15")]
    [TestCase("APR 15 2023")]
    [TestCase("20230415^SAMPLE")]
    public void Validate_InvalidBirthDate_IsNotQuoted(string birthDate)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-7", birthDate));

        Assert.That(result.Issues.Select(i => i.Rule), Does.Contain(Rules.BirthDateInvalid));
        Assert.That(Leaks([result], [birthDate, "2023", "SAMPLE"]), Is.Empty);
    }

    [TestCaseSource(typeof(NdiisSamples), nameof(NdiisSamples.VxuExamples))]
    public void Validate_NdiisSampleWithShiftedFields_QuotesNoPatientData(string sample)
    {
        var results = VxuValidation.ValidateFile(NdiisSamples.Read(sample));

        Assert.That(Leaks(results, ["50000009", "DOE", "KIM", "MARY", "20131001", "19900825", "1234 111TH ST", "111TH", "FARGO", "58103", "001-0001", "001-0002"]), Is.Empty);
    }

    [Test]
    public void Validate_PidShiftedRight_DoesNotQuoteTheBirthDateThatLandsInPid8()
    {
        var message = SampleVxu.Valid251().Replace("PID", SampleVxu.Valid251().Segment("PID").Replace("|20230415|", "||20230415|", StringComparison.Ordinal));

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Does.Contain(Rules.SexUnknown));
        Assert.That(Leaks([result], ["20230415", "123 MAIN ST"]), Is.Empty);
    }

    [Test]
    public void Validate_DoseAfterTheDateOfDeath_DoesNotQuoteTheDateOfDeath()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-29", "20240301").With("PID-30", "Y").With("RXA-3", "20240514"));

        Assert.That(result.Issues.Select(i => i.Rule), Does.Contain(Rules.AdministrationAfterDeath));
        Assert.That(Leaks([result], ["20240301", "2024-03-01", "03/01/2024"]), Is.Empty);
    }

    [Test]
    public void Validate_Nk1WithoutRelationshipField_DoesNotQuoteTheAddressThatLandsInNk13()
    {
        var message = SampleVxu.Valid251().Replace("NK1", SampleVxu.Valid251().Segment("NK1").Replace("|MTH^Mother^HL70063|", "|", StringComparison.Ordinal));

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.NextOfKinRelationshipUnknown }));
        Assert.That(Leaks([result], ["123 MAIN ST", "BISMARCK"]), Is.Empty);
    }

    [Test]
    public void Validate_PidSplitAcrossLines_DoesNotQuoteTheBrokenLine()
    {
        var text = SampleVxu.Valid251().Text.Replace("SAMPLE^ALEXANDRA", "SAMPLE^ALEX\rANDRA", StringComparison.Ordinal);

        var result = VxuValidation.ValidateFile(text).Single();

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.SegmentContinued }));
        Assert.That(result.Issues[0].Location!.Value.Line, Is.EqualTo(3), "the line that is no segment");
        Assert.That(Leaks([result], ["ANDRA", "QUINN", "20230415", "MOTHERLY"]), Is.Empty);
    }

    /// <summary>Each token found in an issue text that the rule's own wording does not contain.</summary>
    private static List<string> Leaks(IEnumerable<MessageResult> results, IEnumerable<string> tokens)
    {
        var list = new List<string>();
        foreach (var issue in results.SelectMany(r => r.Issues))
        {
            foreach (var token in tokens)
            {
                if (issue.Text.Contains(token, StringComparison.OrdinalIgnoreCase) && !issue.Rule.Problem.Contains(token, StringComparison.OrdinalIgnoreCase))
                {
                    list.Add($"{issue.Rule.Id} quotes '{token}': {issue.Text}");
                }
            }
        }

        return list;
    }
}

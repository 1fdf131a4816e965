using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>Profiles, per-rule severity overrides and the warnings-give-AE switch, as an operator configures them.</summary>
[TestFixture]
internal sealed class ValidationPolicyTests
{
    private static readonly ValidationOptions Ndiis = new() { Profile = ValidationProfiles.Ndiis };

    [TestCase("OBX[5]", "vfc-eligibility-missing")]
    [TestCase("OBX[6]", "funding-source-missing")]
    public void Validate_NdiisProfileAndAdministeredDoseWithoutObservation_DropsThatVaccinationWithAe(string observation, string rule)
    {
        var message = SampleVxu.TwoVaccinations251().Without(observation);

        var result = VxuValidation.Validate(message, Ndiis);

        Assert.That(result.Issues.Select(i => (i.Rule.Id, i.Severity, i.Vaccination)), Is.EqualTo(new[] { (rule, Severity.Error, (int?)2) }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update!.Vaccinations.Select(v => v.Number), Is.EqualTo(new[] { 1 }));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(1));
    }

    [TestCase("OBX[5]-5", "V99", "vfc-eligibility-invalid", "vfc-eligibility-missing")]
    [TestCase("OBX[6]-5", "VXC99", "funding-source-invalid", "funding-source-missing")]
    public void Validate_NdiisProfileAndCodeOutsideItsTable_DropsThatVaccinationAsMissing(string field, string code, string invalid, string missing)
    {
        var message = SampleVxu.TwoVaccinations251().With(field, code);

        var required = VxuValidation.Validate(message, Ndiis);
        var optional = VxuValidation.Validate(message);

        Assert.That(required.Issues.Select(i => (i.Rule.Id, i.Severity)), Is.EqualTo(new[] { (invalid, Severity.Warning), (missing, Severity.Error) }));
        Assert.That(required.Update!.Vaccinations.Select(v => v.Number), Is.EqualTo(new[] { 1 }));
        Assert.That(optional.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { invalid }), "where it is not required, the ignored code is reported once");
        Assert.That(optional.Update!.Vaccinations.Select(v => v.Number), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Validate_NdiisProfileAndMinimalDelete_IsAcceptedWithoutDoseDetails()
    {
        // A delete names the vaccination (ORC-3, CVX, date); lot, manufacturer, amount and observations are not needed.
        var delete = SampleVxu.Valid251().With("RXA-21", "D").With("RXA-6", "").With("RXA-7", "").With("RXA-15", "").With("RXA-16", "").With("RXA-17", "")
            .Without("OBX[1]").Without("OBX[1]").Without("OBX[1]").Without("OBX[1]");

        var strict = VxuValidation.Validate(delete, Ndiis);
        var usual = VxuValidation.Validate(delete);

        Assert.That(strict.Issues, Is.Empty, () => string.Join("; ", strict.Issues.Select(i => i.Rule.Id)));
        Assert.That(strict.Update!.Vaccinations.Single().ActionCode, Is.EqualTo("D"));
        Assert.That(usual.Issues, Is.Empty, () => string.Join("; ", usual.Issues.Select(i => i.Rule.Id)));
    }

    [TestCase("cp")]
    [TestCase("XX")]
    public void Validate_DeleteWithCompletionStatusOutsideItsTable_StillDeletes(string completion)
    {
        // Nothing of a delete but what names the vaccination is checked: RXA-20 is neither.
        var delete = SampleVxu.Valid251().With("RXA-20", completion).With("RXA-21", "D");
        var add = SampleVxu.Valid251().With("RXA-20", completion);

        var deleted = VxuValidation.Validate(delete, Ndiis);

        Assert.That(deleted.Issues, Is.Empty, () => string.Join("; ", deleted.Issues.Select(i => i.Rule.Id)));
        Assert.That(deleted.Update!.Vaccinations.Single().ActionCode, Is.EqualTo("D"));
        Assert.That(VxuValidation.Validate(add).Issues.Select(i => i.Rule.Id), Does.Contain("rxa-20-invalid"), "an add still needs a status from table 0322");
    }

    [Test]
    public void Validate_DeleteWithoutOrderNumber_IsNotWarnedThatItCannotBeDeletedLater()
    {
        // orc-3-missing says the dose cannot be updated or deleted by reference later: meaningless on
        // the deletion itself, which is matched by patient, vaccine and date. An add is still warned.
        var delete = SampleVxu.Valid251().With("ORC-3", "").With("RXA-21", "D");
        var add = SampleVxu.Valid251().With("ORC-3", "");

        Assert.That(VxuValidation.Validate(delete).Issues, Is.Empty, () => string.Join("; ", VxuValidation.Validate(delete).Issues.Select(i => i.Rule.Id)));
        Assert.That(VxuValidation.Validate(add).Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "orc-3-missing" }));
    }

    [Test]
    public void Validate_NdiisProfileAndEligibilityObservationWithoutValue_DropsThatVaccination()
    {
        var message = SampleVxu.TwoVaccinations251().With("OBX[5]-5", "");

        var result = VxuValidation.Validate(message, Ndiis);

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update!.Vaccinations.Select(v => v.Number), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Validate_NdiisProfileAndOnlyVaccinationWithoutEligibility_RejectsTheMessage()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().Without("OBX[1]"), Ndiis);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.EligibilityMissing, Rules.NoVaccinations }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Null);
    }

    [Test]
    public void Validate_NdiisProfileAndHistoricalDoseWithoutObservations_IsAccepted()
    {
        var message = SampleVxu.TwoVaccinations251()
            .With("RXA[2]-9", "01^Historical information - source unspecified^NIP001")
            .Without("OBX[5]")
            .Without("OBX[5]");

        var result = VxuValidation.Validate(message, Ndiis);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.HistoricalDose }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(2));
    }

    [TestCase("", "rxa-9-missing")]
    [TestCase("99^Unknown^NIP001", "rxa-9-invalid")]
    public void Validate_NdiisProfileAndDoseWhoseRxa9DoesNotSayItWasGivenHere_KeepsItWithWarnings(string source, string sourceRule)
    {
        // Only RXA-9 00 makes an administered dose (§6): a dose of unknown source is told what
        // such a dose lacks, but the profile's errors for it must not drop it.
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-9", source).Without("OBX[5]").Without("OBX[5]");

        var result = VxuValidation.Validate(message, Ndiis);

        Assert.That(
            result.Issues.Select(i => (i.Rule.Id, i.Severity)),
            Is.EquivalentTo(new[] { (sourceRule, Severity.Warning), ("vfc-eligibility-missing", Severity.Warning), ("funding-source-missing", Severity.Warning) }));
        Assert.That(result.Issues.Where(i => i.Rule.Id != sourceRule).Select(i => i.Text), Is.All.Not.Contains("not stored"));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(2));
    }

    [Test]
    public void Validate_NdiisProfileAndDoseMarkedAdministeredWithoutObservations_DropsIt()
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-9", "00^New immunization record^NIP001").Without("OBX[5]").Without("OBX[5]");

        var result = VxuValidation.Validate(message, Ndiis);

        Assert.That(result.Issues.Select(i => (i.Rule.Id, i.Severity)), Is.EquivalentTo(new[] { ("vfc-eligibility-missing", Severity.Error), ("funding-source-missing", Severity.Error) }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(1));
    }

    [Test]
    public void Validate_NdiisProfileWithOverrideBackToWarning_KeepsTheVaccination()
    {
        // Overrides apply after the profile.
        var options = new ValidationOptions { Profile = ValidationProfiles.Ndiis, Severity = { ["vfc-eligibility-missing"] = "W" } };

        var result = VxuValidation.Validate(SampleVxu.TwoVaccinations251().Without("OBX[5]"), options);

        Assert.That(result.Issues.Select(i => (i.Rule, i.Severity)), Is.EqualTo(new[] { (Rules.EligibilityMissing, Severity.Warning) }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(2));
    }

    [Test]
    public void From_ProfileName_IsCaseInsensitive()
    {
        var policy = ValidationPolicy.From(new ValidationOptions { Profile = "NDIIS" });

        Assert.That(policy.Profile, Is.EqualTo(ValidationProfiles.Ndiis));
        Assert.That(policy.SeverityOf(Rules.EligibilityMissing), Is.EqualTo(Severity.Error));
        Assert.That(policy.SeverityOf(Rules.FundingSourceMissing), Is.EqualTo(Severity.Error));
    }

    [Test]
    public void Default_IsTheIcareProfileWithCatalogueSeverities()
    {
        var policy = ValidationPolicy.Default;

        Assert.That(policy.Profile, Is.EqualTo(ValidationProfiles.Icare));
        Assert.That(policy.WarningsGiveAe, Is.False);
        Assert.That(Rules.All.Select(policy.SeverityOf), Is.EqualTo(Rules.All.Select(r => r.DefaultSeverity)));
    }

    [Test]
    public void Validate_SeverityOverrideOff_RemovesTheIssue()
    {
        var options = new ValidationOptions { Severity = { ["pid-8-invalid"] = "Off" } };

        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-8", "X"), options);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.Update!.Patient.Sex, Is.Null, "the bad value is still not stored");
    }

    [Test]
    public void Validate_ValueRuleRaisedToErrorInOrderGroup_DropsThatVaccination()
    {
        var options = new ValidationOptions { Severity = { ["RXA-17-UNKNOWN"] = "error" } };

        var result = VxuValidation.Validate(SampleVxu.TwoVaccinations251().With("RXA[2]-17", "ZZZ^Nobody^MVX"), options);

        Assert.That(result.Issues.Select(i => (i.Rule, i.Severity)), Is.EqualTo(new[] { (Rules.ManufacturerUnknown, Severity.Error) }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update!.Vaccinations.Select(v => v.Number), Is.EqualTo(new[] { 1 }));
        Assert.That(result.Issues[0].Text, Is.EqualTo("Manufacturer 'ZZZ' in RXA-17 is not an MVX code. This registry's rules make it an error, so this vaccination was not stored."));
    }

    [Test]
    public void Validate_ValueRuleRaisedToErrorOutsideOrderGroup_RejectsTheMessage()
    {
        var options = new ValidationOptions { Severity = { ["pid-8-invalid"] = "E" } };

        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-8", "X"), options);

        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Null);
        Assert.That(result.Issues.Single().Text, Does.Not.Contain("ignored").And.EndsWith("so the message was not stored."));
    }

    private static readonly string[] SaysWhatItDidInstead = ["ignored", "treated as", "used instead", "it was not stored"];

    /// <summary>Every warning that says what it did instead (ignored a value, assumed one) says, raised to an error, what was not stored.</summary>
    [Test]
    public void AsRaisedToError_EveryRuleThatSaysItIgnoredSomething_NoLongerSaysSo()
    {
        var ignoring = typeof(Rules).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<ValidationRule>()
            .Where(r => r.DefaultSeverity != Severity.Error && SaysWhatItDidInstead.Any(words => r.Problem.Contains(words, StringComparison.Ordinal)))
            .ToList();

        Assert.That(ignoring, Has.Count.GreaterThan(24));
        Assert.Multiple(() =>
        {
            foreach (var rule in ignoring)
            {
                var text = IssueCollector.AsRaisedToError(rule.Problem, rejectsMessage: false);
                Assert.That(SaysWhatItDidInstead.Where(words => text.Contains(words, StringComparison.Ordinal)), Is.Empty, rule.Id);
                Assert.That(text, Does.Not.Contain(", so.").And.Not.Contain(";."), rule.Id);
                Assert.That(text, Does.EndWith("not stored."), rule.Id);
            }
        });
    }

    [Test]
    public void Validate_WarningsGiveAe_GivesAeForWarningsAloneAndStillStores()
    {
        var options = new ValidationOptions { WarningsGiveAe = true };

        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-8", "X"), options);

        Assert.That(result.Issues.Select(i => i.Severity), Is.EqualTo(new[] { Severity.Warning }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Not.Null);
    }

    [Test]
    public void Validate_WarningsGiveAeAndInformationOnly_StaysAa()
    {
        var options = new ValidationOptions { WarningsGiveAe = true };

        var result = VxuValidation.Validate(SampleVxu.Valid251().With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002"), options);

        Assert.That(result.Issues.Select(i => i.Severity), Is.EqualTo(new[] { Severity.Information }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
    }

    [TestCase("no-such-rule", "E", "there is no validation rule")]
    [TestCase("pid-8-invalid", "Maybe", "is not a severity")]
    [TestCase("pid-8-invalid", "", "is not a severity")]
    [TestCase("pid-7-missing", "W", "cannot be changed")]
    [TestCase("msh-12-version", "Off", "cannot be changed")]
    [TestCase("rxa-5-missing", "Off", "cannot be changed")]
    [TestCase("rxa-without-orc", "W", "cannot be changed")]
    [TestCase("bts-1-count", "E", "not E")]
    [TestCase("file-structure", "E", "not E")]
    [TestCase("orc-3-other-vaccine", "E", "not E")]
    public void From_InvalidSeverityOverride_ThrowsNamingTheSetting(string id, string severity, string reason)
    {
        var options = new ValidationOptions { Severity = { [id] = severity } };

        Assert.That(
            () => ValidationPolicy.From(options),
            Throws.InvalidOperationException
                .With.Message.Contains($"Validation:Severity:{id}")
                .And.Message.Contains(reason));
    }

    [TestCase("pid-7-missing", "E")]
    [TestCase("rxa-5-missing", "error")]
    public void From_MessageOrOrderGroupRuleSetToItsOwnSeverity_IsAccepted(string id, string severity)
    {
        var options = new ValidationOptions { Severity = { [id] = severity } };

        Assert.That(() => ValidationPolicy.From(options), Throws.Nothing);
    }

    [TestCase("texas")]
    [TestCase("")]
    public void From_UnknownProfile_ThrowsNamingTheSetting(string profile)
    {
        var options = new ValidationOptions { Profile = profile };

        Assert.That(
            () => ValidationPolicy.From(options),
            Throws.InvalidOperationException
                .With.Message.Contains("Validation:Profile")
                .And.Message.Contains("icare, ndiis"));
    }
}

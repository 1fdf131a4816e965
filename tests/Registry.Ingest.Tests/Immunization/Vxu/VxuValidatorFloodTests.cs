using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>A field repeated without end must give a bounded ACK and report, quickly, with the verdict unchanged.</summary>
[TestFixture]
internal sealed class VxuValidatorFloodTests
{
    [Test]
    public void Validate_ThousandsOfBadRepetitions_ListsTheProblemABoundedNumberOfTimes()
    {
        var identifiers = string.Join("~", Enumerable.Range(1, 5_000).Select(i => $"ID{i}^^^AUTH^ZZ"));
        var message = SampleVxu.Valid251().With("PID-3", "MRN1^^^AUTH^MR~" + identifiers);

        var result = VxuValidation.Validate(message);
        var once = VxuValidation.Validate(SampleVxu.Valid251().With("PID-3", "MRN1^^^AUTH^MR~ID1^^^AUTH^ZZ"));

        var typeIssues = result.Issues.Where(i => i.Rule.Id == "pid-3-type").ToList();
        Assert.That(typeIssues, Has.Count.EqualTo(IssueCollector.ListedPerProblem + 1));
        Assert.That(typeIssues[^2].Location!.Value.Repetition, Is.EqualTo(IssueCollector.ListedPerProblem + 1));
        Assert.That(typeIssues[^1].Text, Does.Contain("more than 20 times").And.Contain("not listed"));
        Assert.That(result.AckCode, Is.EqualTo(once.AckCode));
        Assert.That(result.Update!.Patient.Identifiers, Has.Count.EqualTo(5_001), "what is stored does not change");
    }

    [Test]
    public void Validate_SameErrorInManyVaccinations_IsListedAndDropsEachOfThem()
    {
        // The bound is per vaccination: no dose's error is hidden, so none is stored by mistake.
        var baseline = SampleVxu.Valid251().With("RXA-5", "99999^Unknown^CVX");
        var group = baseline.Segments.SkipWhile(s => !s.StartsWith("ORC|", StringComparison.Ordinal)).ToArray();
        var message = baseline.Append([.. Enumerable.Repeat(group, 24).SelectMany(g => g)]);

        var result = VxuValidation.Validate(message);

        Assert.That(result.VaccinationsRead, Is.EqualTo(25));
        Assert.That(result.VaccinationsAccepted, Is.Zero);
        Assert.That(result.Issues.Where(i => i.Rule.Id == "rxa-5-unknown").Select(i => i.Vaccination), Is.EqualTo(Enumerable.Range(1, 25).Cast<int?>()));
    }

    [Test]
    public void Validate_HundredsOfVaccinationsWithWarnings_ListsABoundedNumberOfWarningsButEveryError()
    {
        // Each dose lacks its amount, lot, manufacturer, eligibility and funding: 5 warnings, 150 doses.
        var doses = Enumerable.Range(1, 150).SelectMany(n => new[] { $"ORC|RE||F{n}^MYEHR", $"RXA|0|1|20240515|20240515|08^HepB^CVX|999|||00^New^NIP001|||||||||||CP|A" });
        var message = SampleVxu.Valid251().Append([.. doses, "ORC|RE||BAD^MYEHR", "RXA|0|1|20240515|20240515|9999^Nothing^CVX|0.5|mL||00^New^NIP001||||||LOT1||MSD^Merck^MVX|||CP|A"]);

        var result = VxuValidation.Validate(message);

        var notes = result.Issues.Where(i => i.Severity != Severity.Error).ToList();
        Assert.That(notes, Has.Count.EqualTo(IssueCollector.ListedNotesPerMessage + 1));
        Assert.That(notes[^1].Text, Is.EqualTo("This message has more than 500 warnings and notes; from here on they are not listed (errors still are)."));
        Assert.That(result.Issues.Where(i => i.Severity == Severity.Error).Select(i => (i.Rule.Id, i.Vaccination)), Is.EqualTo(new (string, int?)[] { ("rxa-5-unknown", 152) }),
            "the error after the last listed warning is listed, and drops its dose");
        Assert.That((result.VaccinationsRead, result.VaccinationsAccepted, result.AckCode), Is.EqualTo((152, 151, AckCode.AE)));
    }
}

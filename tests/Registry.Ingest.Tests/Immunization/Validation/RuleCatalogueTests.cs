using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>Every rule of <see cref="Rules.All"/>, fired alone by a minimal change to a valid message.</summary>
[TestFixture]
internal sealed class RuleCatalogueTests
{
    // These describe a file, not a message: the file pipeline reports them (never VxuValidator), and
    // they are tested with it.
    private static readonly string[] FileLevelRules = ["bts-1-count", "fts-1-count", "file-structure", "file-name-received-before"];

    /// <summary>Fired when a message is stored, by what the database knows; covered by the storage tests.</summary>
    private static readonly string[] DatabaseRules = ["rxa-21-delete-unknown", "orc-3-other-vaccine"];

    /// <summary>A defect of ours met by a message: no input is meant to fire it; covered by the file pipeline's tests.</summary>
    private static readonly string[] InternalRules = ["message-internal-error"];

    private static IEnumerable<TestCaseData> Cases =>
        RuleCases.All.Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    [TestCaseSource(nameof(Cases))]
    public void Validate_MinimalChange_ReportsExactlyThatRuleWhereItIsWithItsCodesAndEffect(RuleCase @case)
    {
        var result = @case.Run();

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { @case.Rule.Id }), "the change fires this rule and no other");
        var issue = result.Issues[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issue.Rule, Is.SameAs(@case.Rule));
            Assert.That(issue.Severity, Is.EqualTo(@case.Severity));
            Assert.That(issue.Location is { } at ? at with { Line = 0 } : (Hl7Location?)null, Is.EqualTo(@case.Location), "null: the problem has no place (ERR-2 empty)");
            Assert.That(issue.Vaccination, Is.EqualTo(@case.Vaccination));
            Assert.That(issue.Rule.Hl7ErrorCode, Is.EqualTo(@case.Hl7Code), "HL7 table 0357");
            Assert.That(issue.Rule.ApplicationErrorCode, Is.EqualTo(@case.ApplicationCode), "HL7 table 0533");
            Assert.That(issue.Text, Is.Not.Empty);
            Assert.That(result.AckCode, Is.EqualTo(@case.ExpectedAck));
        }

        AssertEffect(@case, result);
    }

    [Test]
    public void Cases_CoverEveryRuleAMessageCanFire_OncePerRule()
    {
        var covered = RuleCases.All.Select(c => c.Rule.Id).ToList();
        var uncovered = Rules.All.Select(r => r.Id).Except(FileLevelRules).Except(DatabaseRules).Except(InternalRules).Except(covered);

        Assert.That(uncovered, Is.Empty, "a rule without a case in RuleCases");
        Assert.That(covered, Is.Unique);
        Assert.That(Rules.All.Where(r => r.Scope == RuleScope.File).Select(r => r.Id), Is.EquivalentTo(FileLevelRules));
    }

    [Test]
    public void Rules_Ids_AreUniqueLowerCaseAndKebab()
    {
        var ids = Rules.All.Select(r => r.Id).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
    }

    [Test]
    public void Validate_ErrorInSecondOrderGroup_IsLocatedOnTheLineOfThatRxa()
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-5", "9999^Nothing^CVX");

        var issue = VxuValidation.Validate(message).Issues.Single();

        Assert.That(issue.Location!.Value.Line, Is.EqualTo(message.LineOf("RXA[2]")));
        Assert.That(issue.Location.Value.ToString(), Is.EqualTo("RXA-5"));
    }

    private static void AssertEffect(RuleCase @case, MessageResult result)
    {
        switch (@case.Effect)
        {
            case RuleEffect.MessageRejected:
                Assert.That(result.Update, Is.Null, "nothing from the message is stored");
                Assert.That(result.VaccinationsAccepted, Is.Zero);
                break;
            case RuleEffect.VaccinationDropped:
                Assert.That(result.Update, Is.Not.Null, "the rest of the message is stored");
                Assert.That(result.VaccinationsAccepted, Is.EqualTo(result.VaccinationsRead - 1));
                Assert.That(result.Update!.Vaccinations, Has.Count.EqualTo(result.VaccinationsAccepted));
                Assert.That(result.Update.Vaccinations.Select(v => v.Number), Has.None.EqualTo(@case.Vaccination));
                break;
            case RuleEffect.EmptyGroupLeftOut:
                Assert.That(result.Update, Is.Not.Null, "the rest of the message is stored");
                Assert.That(result.VaccinationsAccepted, Is.EqualTo(result.VaccinationsRead), "an ORC without RXA sends no vaccination to drop");
                Assert.That(result.Update!.Vaccinations, Has.Count.EqualTo(result.VaccinationsRead));
                Assert.That(result.Update.Vaccinations.Select(v => v.Number), Has.None.EqualTo(@case.Vaccination));
                break;
            default:
                Assert.That(result.Update, Is.Not.Null, "everything is stored");
                Assert.That(result.VaccinationsAccepted, Is.EqualTo(result.VaccinationsRead));
                Assert.That(result.Update!.Vaccinations, Has.Count.EqualTo(result.VaccinationsRead));
                break;
        }

        if (@case.Check is not null)
        {
            @case.Check(result.Update!);
        }
        else
        {
            Assert.That(@case.Effect, Is.Not.EqualTo(RuleEffect.ValueIgnored), "a value-ignored case must say which value");
        }
    }
}

using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>
/// One row of the rule table: the minimal change to a valid message that fires <see cref="Rule"/>
/// alone, and what the catalogue (rules document §4, §6) says must follow. The expected codes are
/// written out rather than read from the rule, so a changed catalogue entry fails here.
/// </summary>
internal sealed record RuleCase(
    ValidationRule Rule,
    string Change,
    Func<MessageResult> Run,
    Severity Severity,
    int Hl7Code,
    int? ApplicationCode,
    Hl7Location? Location,
    int? Vaccination,
    RuleEffect Effect,
    Action<VaccinationUpdate>? Check = null)
{
    /// <summary>MSA-1 by §4: AR for 200–203, AE when an error was found, AA otherwise (warnings alone give AA by default).</summary>
    public AckCode ExpectedAck => Hl7Code is >= 200 and <= 203 ? AckCode.AR : Severity == Severity.Error ? AckCode.AE : AckCode.AA;

    public override string ToString() => $"{Rule.Id}: {Change}";
}

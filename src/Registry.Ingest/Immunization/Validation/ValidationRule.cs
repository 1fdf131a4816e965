namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// One check of the catalogue: stable id, where it looks, default severity, what an error drops,
/// the HL7 table 0357 code and the optional table 0533 application code for the ERR segment,
/// and what a person is told: the problem and how to fix it.
/// </summary>
internal sealed record ValidationRule(
    string Id,
    string Location,
    Severity DefaultSeverity,
    RuleScope Scope,
    int Hl7ErrorCode,
    int? ApplicationErrorCode,
    string Problem,
    string Fix)
{
    /// <summary>Table 0357 codes 200–203 and 207 reject the message outright (MSA-1 AR).</summary>
    public bool Rejects => Hl7ErrorCode is >= 200 and <= 203 or 207;
}

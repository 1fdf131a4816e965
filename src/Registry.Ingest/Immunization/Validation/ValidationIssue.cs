using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// A rule that fired for one message: at a location, optionally within the n-th vaccination (order
/// group) of the message, with a text that never contains patient data (codes only).
/// </summary>
internal sealed record ValidationIssue(ValidationRule Rule, Severity Severity, Hl7Location? Location, int? Vaccination, string Text)
{
    public string Fix => Rule.Fix;
}

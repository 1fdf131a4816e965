using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// A rule that fired for one message: at a location, optionally within the n-th vaccination (order
/// group) of the message, with a text that never contains patient data (codes only).
/// </summary>
internal sealed record ValidationIssue(ValidationRule Rule, Severity Severity, Hl7Location? Location, int? Vaccination, string Text)
{
    /// <summary>
    /// An information the registry's configuration raised to a warning or an error (historical
    /// doses or refusals flagged, or not taken): its catalogue code, 0 "message accepted", and its
    /// "nothing to fix" would contradict the severity the sender is given.
    /// </summary>
    private bool RaisedInformation => Rule.DefaultSeverity == Severity.Information && Severity is Severity.Warning or Severity.Error;

    /// <summary>Table 0357: the rule's, or for a raised information 103, a value this registry does not take.</summary>
    public int Hl7ErrorCode => RaisedInformation && Rule.Hl7ErrorCode == 0 ? 103 : Rule.Hl7ErrorCode;

    /// <summary>Table 0533: the rule's, or for a raised information 4, invalid value.</summary>
    public int? ApplicationErrorCode => RaisedInformation && Rule.Hl7ErrorCode == 0 ? 4 : Rule.ApplicationErrorCode;

    public string Fix => !RaisedInformation ? Rule.Fix : Severity == Severity.Error
        ? "This registry does not take such records: leave them out of what you send, or ask the registry about its rules."
        : "This registry's rules flag such records: check that this one is right, and ask the registry what it expects of them.";
}

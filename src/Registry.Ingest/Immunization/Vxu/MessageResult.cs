using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>The outcome for one message of a file: what the ACK and the report say about it, and what can be stored.</summary>
internal sealed record MessageResult(
    int Number,
    int FirstLine,
    Hl7MessageHeader Header,
    AckCode AckCode,
    IReadOnlyList<ValidationIssue> Issues,
    VaccinationUpdate? Update,
    int VaccinationsRead,
    int VaccinationsAccepted)
{
    public int VaccinationsDropped => VaccinationsRead - VaccinationsAccepted;

    public bool HasWarnings => Issues.Any(i => i.Severity == Severity.Warning);
}

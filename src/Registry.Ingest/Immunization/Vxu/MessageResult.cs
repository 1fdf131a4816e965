using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The outcome for one message of a file: what the ACK and the report say about it, and what can
/// be stored. <see cref="Update"/> is built only in <see cref="VxuReadMode.Records"/> mode;
/// <see cref="Stored"/> says in both modes whether the message is accepted (wholly or in part).
/// </summary>
internal sealed record MessageResult(
    int Number,
    int FirstLine,
    string ControlId,
    AckCode AckCode,
    IReadOnlyList<ValidationIssue> Issues,
    bool Stored,
    VaccinationUpdate? Update,
    int VaccinationsRead,
    int VaccinationsAccepted)
{
    public int VaccinationsDropped => VaccinationsRead - VaccinationsAccepted;

    public bool HasWarnings => Issues.Any(i => i.Severity == Severity.Warning);

    public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);

    /// <summary>What stopped the checking of this message (<c>message-internal-error</c>): for the operator's log, never for the clinic.</summary>
    public Exception? Failure { get; init; }
}

namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// One order group (ORC, RXA, RXR, OBX…): an administered, historical, refused or not-administered
/// dose. <see cref="Number"/> counts order groups in the message from 1, as the report does.
/// </summary>
internal sealed record Vaccination(
    int Number,
    int Line,
    string? FillerOrderId,
    string? FillerOrderAuthority,
    string? PlacerOrderId,
    DateTime AdministeredAt,
    DateTime? AdministeredUntil,
    string CvxCode,
    decimal? Amount,
    string? AmountUnits,
    string? InformationSource,
    string? LotNumber,
    DateOnly? ExpirationDate,
    string? MvxCode,
    Practitioner? AdministeringProvider,
    Practitioner? OrderingProvider,
    string? AdministeredAtFacility,
    string? RefusalReason,
    string CompletionStatus,
    string ActionCode,
    string? Route,
    string? Site,
    string? VfcEligibility,
    string? FundingSource,
    IReadOnlyList<VisDocument> VisDocuments,
    IReadOnlyList<Observation> Observations)
{
    /// <summary>Occurrence of this vaccination's RXA in the message, for locating issues found later (ERR-2).</summary>
    public int RxaSequence { get; init; } = Number;

    /// <summary>Amount or expiration date sent as <c>""</c>.</summary>
    public VaccinationClears Clears { get; init; }

    /// <summary>
    /// Set on sendings of one vaccination folded together in one chunk when one of them was not
    /// given (RE, NA): the stored eligibility and funding observations go, as they would had the
    /// sendings come one file at a time, even when the last sending is a dose given again.
    /// </summary>
    public bool DropsGivenObservations { get; init; }

    /// <summary>RXA-9 00: given by the sender (as opposed to a historical record).</summary>
    public bool IsAdministered => InformationSource is null or "00";
}

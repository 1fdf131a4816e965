namespace Registry.Ingest.Storage;

/// <summary>
/// A vaccination's identity: (sending facility, ORC-3 id, ORC-3 authority, patient) when ORC-3 was
/// sent, else (patient, CVX, administration date). The patient is part of the first too: an EHR
/// that numbers orders per patient, or reuses one, must never move a dose to another patient.
/// </summary>
/// <remarks>A class for the reason given on <see cref="PatientKey"/>.</remarks>
internal sealed record VaccinationKey(string? Facility, string? FillerOrderId, string? FillerAuthority, long PatientId, string? Cvx, DateOnly? AdministeredOn)
{
    public bool ByOrder => FillerOrderId is not null;

    public static VaccinationKey ByOrderNumber(string facility, string filler, string authority, long patientId) => new(facility, filler, authority, patientId, null, null);

    public static VaccinationKey ByEvent(long patientId, string cvx, DateOnly administeredOn) => new(null, null, null, patientId, cvx, administeredOn);
}

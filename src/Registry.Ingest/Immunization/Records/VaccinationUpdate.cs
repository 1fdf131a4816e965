namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// What one VXU^V04 says: part of a patient's history, never a full snapshot. Strings follow the
/// HL7 update convention: <c>null</c> = not sent (no change), <c>""</c> = sent as <c>""</c>
/// (delete the stored value), anything else = the new value.
/// </summary>
internal sealed record VaccinationUpdate(
    MessageHeaderInfo Header,
    Patient Patient,
    IReadOnlyList<NextOfKin> NextOfKin,
    IReadOnlyList<Vaccination> Vaccinations);

using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Storage;

/// <summary>
/// What <see cref="VaccinationWriter.Lookup"/> found for a chunk: each vaccination sent, in message
/// order, with its patient, key and digest; the state of the vaccination each one names (shared by
/// the sendings that name one); and ids for the vaccinations not known yet (more than are used
/// when one only gets deletions).
/// </summary>
internal sealed record VaccinationLookup(
    List<(StagedMessage Message, long PatientId, Vaccination Vaccination, VaccinationKey Key, byte[] Digest)> Keyed,
    List<VaccinationState> States,
    long[] NewIds)
{
    /// <summary>The sendings (by index) whose ORC-3 names a vaccination of another vaccine, with the vaccine and date it held; null when none.</summary>
    public Dictionary<int, (string Cvx, DateOnly Day)>? OtherVaccine { get; init; }
}

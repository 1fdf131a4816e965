using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Storage;

/// <summary>
/// What <see cref="VaccinationWriter.Lookup"/> found for a chunk: each vaccination sent, in message
/// order, with its patient, key and digest; where each key stands; and ids for the keys not known
/// yet (more than are used when a key only gets deletions).
/// </summary>
internal sealed record VaccinationLookup(
    List<(StagedMessage Message, long PatientId, Vaccination Vaccination, VaccinationKey Key, byte[] Digest)> Keyed,
    Dictionary<VaccinationKey, VaccinationState> States,
    long[] NewIds);

namespace Registry.Ingest.Storage;

/// <summary>
/// What <see cref="PatientWriter.Lookup"/> found for a chunk: its messages with an update, a row
/// per patient key (known, with its stored or planned id and digest, or new, with a new id), and
/// the new ids in the order they were given.
/// </summary>
internal sealed record PatientLookup(List<StagedMessage> Stored, Dictionary<PatientKey, PatientRow> Rows, long[] NewIds);

namespace Registry.Ingest.Storage;

/// <summary>
/// What <see cref="PatientWriter.Lookup"/> found for a chunk: its messages with an update, a row
/// per patient key (known, with its stored or planned id and digest, or new, with a new id), and
/// the new ids in the order they were given.
/// </summary>
internal sealed record PatientLookup(List<StagedMessage> Stored, Dictionary<PatientKey, PatientRow> Rows, long[] NewIds)
{
    /// <summary>The id of every patient the chunk's messages are about, known or new.</summary>
    public Dictionary<PatientKey, long> Ids { get; } = Rows.ToDictionary(r => r.Key, r => r.Value.Id);

    /// <summary>The patients new in this chunk.</summary>
    public HashSet<long> IsNew { get; } = NewIds.ToHashSet();
}

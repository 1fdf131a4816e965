namespace Registry.Ingest.Storage;

/// <summary>
/// Where a row's values go: a binary COPY (<see cref="BinaryCopyWriter"/>) or a content hash
/// (<see cref="ContentHash"/>). A writer that puts its values through one method for both hashes
/// the same columns it stores; only its transforms for new rows ("" stored as null) differ.
/// </summary>
internal interface IRowValues
{
    void WriteText(string? value);

    void WriteInt(int? value);

    void WriteLong(long? value);

    void WriteDate(DateOnly? value);

    void WriteLocalTime(DateTime? value);

    void WriteDecimal(decimal? value);

    void WriteTextArray(IReadOnlyList<string>? values);
}

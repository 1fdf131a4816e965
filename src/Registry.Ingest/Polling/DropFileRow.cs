namespace Registry.Ingest.Polling;

/// <summary>One open row of registry.drop_file.</summary>
internal sealed record DropFileRow(
    long Id,
    string Name,
    long SizeBytes,
    DateTimeOffset ModifiedAt,
    DateTimeOffset StableSince,
    DropFileStep Step,
    string? Sha256,
    long? SubmissionWatermark,
    long? SubmissionFileId,
    int Attempts);

namespace Registry.Ingest.Polling;

/// <summary>What becomes of a processed original: moved to the processed folder, or deleted. Rejected files are always moved.</summary>
internal enum OriginalsAfterProcessing
{
    Move,
    Delete,
}

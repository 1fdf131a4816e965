namespace Registry.Ingest.Polling;

/// <summary>A file's size and modification time as listed, and since when they have been the same.</summary>
internal sealed record FileObservation(long Size, DateTimeOffset LastWriteTime, DateTimeOffset StableSince);

namespace Registry.Ingest.Processing;

/// <summary>A file as received: its name, the clinic its name gives, fingerprint and size, and when it was read.</summary>
internal sealed record ReceivedFile(string FileName, string? Clinic, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt);

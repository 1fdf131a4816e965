namespace Registry.Ingest.Processing;

/// <summary>A file as received: its name, the clinic its name gives, fingerprint and size, and when it was read.</summary>
internal sealed record ReceivedFile(string FileName, string? Clinic, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt)
{
    /// <summary>The <see cref="Sha256"/> of a file being read in one pass, until its end: known only then.</summary>
    public const string NotYetFingerprinted = "";

    public bool Fingerprinted => Sha256.Length > 0;
}

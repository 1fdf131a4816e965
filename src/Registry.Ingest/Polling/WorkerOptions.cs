namespace Registry.Ingest.Polling;

/// <summary>The <c>Worker</c> section.</summary>
internal sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>
    /// Local folder for downloads and outputs in progress (holds patient data while a file is
    /// processed; created with owner-only access). Empty: <c>registry-ingest</c> under the system temp folder.
    /// </summary>
    public string WorkDirectory { get; set; } = string.Empty;

    public string ResolvedWorkDirectory =>
        string.IsNullOrWhiteSpace(WorkDirectory) ? Path.Combine(Path.GetTempPath(), "registry-ingest") : Path.GetFullPath(WorkDirectory);
}

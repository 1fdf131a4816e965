namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// What one uninterrupted <c>once</c> over the big generated file leaves in a fresh database: every
/// interrupted run of the same file must end with the same rows. Taken once per test run.
/// </summary>
internal static class CleanRun
{
    public const string FileName = "HL7_BIGCLINIC_20240601.txt";

    private static readonly Lazy<Task<List<string>>> Counts = new(TakeAsync);

    /// <summary>"table rows" per data table after the clean run.</summary>
    public static Task<List<string>> RowCountsAsync() => Counts.Value;

    private static async Task<List<string>> TakeAsync()
    {
        await using var site = await WorkerSite.CreateAsync("CleanRun");
        site.Drop(FileName, GeneratedBatch.BigFile);
        var run = site.Once();
        if (run.ExitCode != 0 || !File.Exists(site.PathOf(FileName, "processed")))
        {
            throw new InvalidOperationException($"The clean run of the big file failed:\n{run}");
        }

        return site.Database.RowCounts();
    }
}

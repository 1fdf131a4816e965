using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Polling;

/// <summary>
/// Decides which listed files are complete: a file is taken only once its size and modification
/// time have stayed the same for <c>stableFor</c>, by our own clock, so a half-uploaded file is
/// never read (and the server's clock does not matter). Pure: the observations are handed in and
/// handed back, so they can live in memory or in the database.
/// </summary>
internal sealed class StabilityTracker(TimeProvider time, TimeSpan stableFor)
{
    /// <summary>
    /// Compares <paramref name="listing"/> with <paramref name="previous"/>: returns the observations to
    /// keep (one per listed file; files no longer listed are dropped) and the files stable now.
    /// </summary>
    public (Dictionary<string, FileObservation> Observations, List<DropFolderEntry> Stable) Observe(
        IReadOnlyDictionary<string, FileObservation> previous, IEnumerable<DropFolderEntry> listing)
    {
        var now = time.GetUtcNow();
        var observations = new Dictionary<string, FileObservation>(StringComparer.Ordinal);
        var stable = new List<DropFolderEntry>();
        foreach (var entry in listing)
        {
            var observation = previous.TryGetValue(entry.Name, out var seen) && Unchanged(entry, seen.Size, seen.LastWriteTime)
                ? seen
                : new FileObservation(entry.Size, entry.LastWriteTime, now);
            observations[entry.Name] = observation;
            if (now - observation.StableSince >= stableFor)
            {
                stable.Add(entry);
            }
        }

        return (observations, stable);
    }

    // The database keeps microseconds, a local file system 100 ns ticks: a time read back is the same time.
    /// <summary>To the microsecond: the database keeps no finer time, and SFTP not even that.</summary>
    public static bool SameTime(DateTimeOffset a, DateTimeOffset b) => a.UtcTicks / 10 == b.UtcTicks / 10;

    /// <summary>Whether <paramref name="entry"/> still has the size and modification time it was seen with.</summary>
    public static bool Unchanged(DropFolderEntry entry, long size, DateTimeOffset modifiedAt) => entry.Size == size && SameTime(entry.LastWriteTime, modifiedAt);
}

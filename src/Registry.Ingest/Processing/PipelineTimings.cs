using System.Diagnostics;
using System.Globalization;

namespace Registry.Ingest.Processing;

/// <summary>
/// Where a file's time went: validating (parse, checks, building ACKs), the database (staging,
/// COPY, matching, commit), and everything else (reading the file, writing outputs).
/// </summary>
internal sealed class PipelineTimings
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly int[] collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan pausedAtStart = GC.GetTotalPauseDuration();
    private readonly long allocatedAtStart = GC.GetTotalAllocatedBytes();
    private long validation;
    private long database;
    private long waiting;

    public TimeSpan Validation => Stopwatch.GetElapsedTime(0, validation);

    public TimeSpan Database => Stopwatch.GetElapsedTime(0, database);

    public TimeSpan Total => Stopwatch.GetElapsedTime(started);

    /// <summary>Time the reading thread spent waiting for the database: what writing a chunk while the next is read did not hide.</summary>
    public TimeSpan Waiting => Stopwatch.GetElapsedTime(0, waiting);

    public TimeSpan Other => Total - Validation - Waiting;

    public T Validating<T>(Func<T> work) => Measure(work, ref validation);

    public T InDatabase<T>(Func<T> work) => Measure(work, ref database);

    public void InDatabase(Action work) => Measure(() => { work(); return 0; }, ref database);

    public T WaitingForDatabase<T>(Func<T> work) => Measure(work, ref waiting);

    public void WaitingForDatabase(Action work) => Measure(() => { work(); return 0; }, ref waiting);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Total.TotalSeconds:0.000} s: validation {Validation.TotalSeconds:0.000} s, database {Database.TotalSeconds:0.000} s (waited for {Waiting.TotalSeconds:0.000} s), file I/O and other {Other.TotalSeconds:0.000} s; " +
        $"GC {GC.CollectionCount(0) - collectionsAtStart[0]}/{GC.CollectionCount(1) - collectionsAtStart[1]}/{GC.CollectionCount(2) - collectionsAtStart[2]} (gen 0/1/2), paused {(GC.GetTotalPauseDuration() - pausedAtStart).TotalSeconds:0.000} s, {(GC.GetTotalAllocatedBytes() - allocatedAtStart) / 1e6:0} MB allocated");

    private static T Measure<T>(Func<T> work, ref long total)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            total += Stopwatch.GetTimestamp() - start;
        }
    }
}

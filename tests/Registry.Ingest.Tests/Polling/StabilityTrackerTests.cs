using Registry.Ingest.DropFolder;
using Registry.Ingest.Polling;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Polling;

internal sealed class StabilityTrackerTests
{
    private static readonly DateTimeOffset Written = new(2024, 6, 1, 11, 59, 0, TimeSpan.Zero);

    /// <summary>Listings 10 s apart (size, seconds added to the write time) → whether the file is taken after the last one, with StableFor 30 s.</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new (long, int)[] { (100, 0) }, false).SetName("FirstSight_NotTaken");
        yield return new TestCaseData(new (long, int)[] { (100, 0), (100, 0), (100, 0) }, false).SetName("Unchanged20Seconds_NotTaken");
        yield return new TestCaseData(new (long, int)[] { (100, 0), (100, 0), (100, 0), (100, 0) }, true).SetName("Unchanged30Seconds_Taken");
        yield return new TestCaseData(new (long, int)[] { (100, 0), (200, 0), (300, 0), (400, 0), (500, 0) }, false).SetName("GrowingEveryListing_NotTaken");
        yield return new TestCaseData(new (long, int)[] { (100, 0), (100, 0), (100, 5), (100, 5), (100, 5) }, false).SetName("TouchedWithoutGrowing_ClockRestarts");
        yield return new TestCaseData(new (long, int)[] { (100, 0), (200, 0), (200, 0), (200, 0), (200, 0) }, true).SetName("GrewThenStill30Seconds_Taken");
    }

    [TestCaseSource(nameof(Cases))]
    public void StabilityTracker_ListingsOverTime_TakesOnlyFilesUnchangedForStableFor((long Size, int Seconds)[] listings, bool taken)
    {
        var clock = new ManualTimeProvider();
        var tracker = new StabilityTracker(clock, TimeSpan.FromSeconds(30));
        IReadOnlyDictionary<string, FileObservation> state = new Dictionary<string, FileObservation>();
        List<DropFolderEntry> stable = [];
        for (int i = 0; i < listings.Length; i++)
        {
            if (i > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
            }

            (state, stable) = tracker.Observe(state, [new DropFolderEntry("HL7_A_20240101.txt", listings[i].Size, Written.AddSeconds(listings[i].Seconds))]);
        }

        Assert.That(stable.Select(e => e.Name), taken ? Is.EqualTo(new[] { "HL7_A_20240101.txt" }) : Is.Empty);
    }

    [Test]
    public void StabilityTracker_StableForZero_TakesAFileAtFirstSight()
    {
        var tracker = new StabilityTracker(new ManualTimeProvider(), TimeSpan.Zero);

        var (_, stable) = tracker.Observe(new Dictionary<string, FileObservation>(), [new DropFolderEntry("HL7_A_20240101.txt", 1, Written)]);

        Assert.That(stable, Has.Count.EqualTo(1));
    }

    /// <summary>The database keeps microseconds; a file system's 100 ns ticks read back must not look like a change.</summary>
    [Test]
    public void StabilityTracker_WriteTimeReadBackAtMicrosecondPrecision_CountsAsUnchanged()
    {
        var clock = new ManualTimeProvider();
        var tracker = new StabilityTracker(clock, TimeSpan.FromSeconds(30));
        var precise = Written.AddTicks(1234567);
        var stored = new DateTimeOffset(precise.UtcTicks / 10 * 10, TimeSpan.Zero);
        var previous = new Dictionary<string, FileObservation> { ["HL7_A_20240101.txt"] = new(1, stored, clock.GetUtcNow()) };
        clock.Advance(TimeSpan.FromSeconds(30));

        var (_, stable) = tracker.Observe(previous, [new DropFolderEntry("HL7_A_20240101.txt", 1, precise)]);

        Assert.That(stable, Has.Count.EqualTo(1));
    }

    [Test]
    public void StabilityTracker_FileNoLongerListed_IsForgotten()
    {
        var tracker = new StabilityTracker(new ManualTimeProvider(), TimeSpan.FromSeconds(30));
        var (state, _) = tracker.Observe(new Dictionary<string, FileObservation>(), [new DropFolderEntry("HL7_A_20240101.txt", 1, Written)]);

        (state, _) = tracker.Observe(state, []);

        Assert.That(state, Is.Empty);
    }
}

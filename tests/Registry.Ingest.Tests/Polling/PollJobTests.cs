using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Ingest.Polling;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Polling;

/// <summary>
/// The scheduled job: a poll that finds files not yet stable polls once more when the first of them
/// is due, so a file is taken <c>StableFor</c> after it was first seen, not up to an interval later.
/// </summary>
internal sealed class PollJobTests
{
    private const string Valid = "HL7_DCS0067_20240131.txt";

    private PollerHarness h = null!;

    [SetUp]
    public async Task Start() => h = await PollerHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await h.DisposeAsync();

    [Test]
    public void Poll_FileNotYetStable_SaysWhenItWillBe()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        var firstSeen = h.Clock.GetUtcNow();

        var early = h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var due = h.Poll();

        Assert.That(early.NextStableAt, Is.EqualTo(firstSeen + TimeSpan.FromSeconds(30)));
        Assert.That((due.Processed, due.NextStableAt), Is.EqualTo((1, (DateTimeOffset?)null)));
    }

    [Test]
    public async Task Execute_FileSeenNotYetStable_TakesItWhenDueWithoutWaitingForTheNextSchedule()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        using var folder = h.Folder();
        var job = new PollJob(h.Poller(folder), h.Options, h.Clock, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<PollJob>.Instance);

        var run = job.Execute(null!, CancellationToken.None).AsTask();
        await WaitUntil(() => h.PendingTimers() > 0 || run.IsCompleted);
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "seen, not yet taken");
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(run.IsCompleted, Is.False, "not due yet");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
    }

    [Test]
    public async Task Execute_NothingWaiting_PollsOnce()
    {
        h.DropSample(Valid);
        using var folder = new FaultyDropFolder(h.Folder());

        await Job(folder, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance)).Execute(null!, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That((folder.Listings, h.PendingTimers()), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task Execute_FileDueLaterThanOneInterval_LeavesItToTheSchedule()
    {
        h.Options.Interval = TimeSpan.FromSeconds(10);
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        using var folder = new FaultyDropFolder(h.Folder());

        await Job(folder, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance)).Execute(null!, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That((folder.Listings, h.PendingTimers()), Is.EqualTo((1, 0)), "no wait that would hold the schedule for longer than an interval");
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }));
    }

    [Test]
    public async Task Execute_CronSchedule_NeverPollsOutsideIt()
    {
        h.Options.Cron = "0 0/5 * * * ?";
        h.Options.StableFor = TimeSpan.FromSeconds(1);
        h.DropSample(Valid);
        using var folder = new FaultyDropFolder(h.Folder());

        await Job(folder, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance)).Execute(null!, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(folder.Listings, Is.EqualTo(1));
    }

    [Test]
    public async Task Execute_ShutdownWhileWaitingForAFile_EndsAtOnceAndTakesNothing()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        using var folder = new FaultyDropFolder(h.Folder());
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var run = Job(folder, lifetime).Execute(null!, CancellationToken.None).AsTask();
        await WaitUntil(() => h.PendingTimers() > 0 || run.IsCompleted);

        lifetime.StopApplication();
        await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(folder.Listings, Is.EqualTo(1));
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }));
    }

    private PollJob Job(FaultyDropFolder folder, ApplicationLifetime lifetime) =>
        new(h.Poller(folder), h.Options, h.Clock, lifetime, NullLogger<PollJob>.Instance);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out");
            await Task.Delay(20);
        }
    }
}

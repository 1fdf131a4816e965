using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// <c>ingest</c> connects while it loads its code tables (<see cref="Registry.Ingest.Storage.IngestStorage.ConnectAhead"/>):
/// the first file then runs on that very connection, and a connection that could not be made
/// ahead is made, or fails with its real error, when the file needs it.
/// </summary>
[TestFixture]
internal sealed class ConnectAheadTests
{
    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public async Task FirstFile_RunsOnTheConnectionOpenedAhead()
    {
        var processor = Processor(IngestBackend.ConnectionString(registry.Database));
        int ahead = await WaitForBackendsAsync(1);

        var run = IngestRun.Of(processor, registry.NextFileName(), System.Text.Encoding.UTF8.GetBytes(BatchFiles.Messages(2)), registry.Work.Combine("out"));

        Assert.That(run.Outcome.Counts.MessagesRead, Is.EqualTo(2), run.Report);
        Assert.That(run.Outcome.Counts.AckAr, Is.Zero, run.Report);
        Assert.That(registry.Count("message"), Is.EqualTo(2));
        Assert.That(await BackendsAsync(), Is.EqualTo(new[] { ahead }), "the file took the connection opened ahead (pooled again once done), and opened no other");
    }

    [Test]
    public void AheadFailed_TheFileMeetsTheRealError()
    {
        var wrong = new NpgsqlConnectionStringBuilder(registry.Database.AppConnectionString) { Password = "not-the-password-5a6b" }.ConnectionString;
        var processor = Processor(wrong);

        var error = Assert.Throws<PostgresException>(() =>
            IngestRun.Of(processor, registry.NextFileName(), System.Text.Encoding.UTF8.GetBytes(BatchFiles.Messages(1)), registry.Work.Combine("out")));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
        Assert.That(registry.Count("submission_file"), Is.Zero);
    }

    private static BatchFileProcessor Processor(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:Registry", connectionString)])
            .Build();
        return PipelineFactory.CreateWithStorage(configuration, FixedTimeProvider.Default, connectAhead: true);
    }

    private async Task<int> WaitForBackendsAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var pids = await BackendsAsync();
            if (pids.Count == count)
            {
                return pids[0];
            }

            await Task.Delay(20);
        }

        Assert.Fail("The connection opened ahead never reached the server.");
        return 0;
    }

    private async Task<List<int>> BackendsAsync() => Sql.Query<int>(
        (await PostgresServer.GetAsync()).AdminConnectionString,
        "SELECT pid FROM pg_stat_activity WHERE datname = @database AND application_name = @name",
        new { database = registry.Database.Name, name = IngestBackend.ApplicationName });
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Registry.Ingest.DropFolder;
using Registry.Ingest.DropFolder.Local;
using Registry.Ingest.Polling;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A migrated database, a local drop folder named like the real one (with spaces) and the poller as
/// the worker builds it, on a clock that moves only when told. The outage log lives as long as the
/// harness, as it lives as long as the service.
/// </summary>
internal sealed class PollerHarness : IAsyncDisposable
{
    private PollerHarness(StorageHarness storage)
    {
        Storage = storage;
        FolderPath = Directory.CreateDirectory(storage.Work.Combine("ICARE HL7 EXCHANGE")).FullName;
        Outages = new OutageLog(Log, Clock);
    }

    public StorageHarness Storage { get; }

    public string FolderPath { get; }

    public ManualTimeProvider Clock { get; } = new();

    public ListLogger<DropFolderPoller> Log { get; } = new();

    public OutageLog Outages { get; }

    public PollOptions Options { get; } = new() { StableFor = TimeSpan.Zero, UnterminatedStableFor = TimeSpan.Zero };

    public static async Task<PollerHarness> StartAsync([CallerMemberName] string caller = "") =>
        new(await StorageHarness.StartAsync(caller));

    public LocalDropFolder Folder() => new(FolderPath);

    public PollResult Poll(IDropFolder? folder = null, string? connectionString = null, CancellationToken cancellationToken = default)
    {
        using var local = Folder();
        return Poller(folder ?? local, connectionString).Poll(cancellationToken);
    }

    /// <summary>A poller of <paramref name="drop"/> as the worker builds it, on the harness's clock and options.</summary>
    public DropFolderPoller Poller(IDropFolder drop, string? connectionString = null, WorkerOptions? worker = null)
    {
        var connection = connectionString ?? Storage.Database.AppConnectionString;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:Registry", connection)])
            .Build();
        return new DropFolderPoller(
            drop,
            new DropFileStore(connection, drop.Location, Clock),
            PipelineFactory.CreateWithStorage(configuration, Clock),
            Options,
            worker ?? new WorkerOptions { WorkDirectory = Storage.Work.Combine("work") },
            Clock,
            Log,
            Outages);
    }

    public int PendingTimers() => Clock.PendingTimers;

    public void Drop(string name, byte[] content) => File.WriteAllBytes(Path.Combine(FolderPath, name), content);

    public void DropSample(string name) => File.Copy(RepositoryFiles.Path("sample-files", name), Path.Combine(FolderPath, name));

    /// <summary>File names directly in the drop folder, or in one of its subfolders, sorted.</summary>
    public List<string> Files(string? subfolder = null)
    {
        var path = subfolder is null ? FolderPath : Path.Combine(FolderPath, subfolder);
        return Directory.Exists(path) ? Directory.GetFiles(path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList() : [];
    }

    public string Read(string name) => File.ReadAllText(Path.Combine(FolderPath, name));

    public long Submissions(string status) => Storage.Scalar<long>("SELECT count(*) FROM registry.submission_file WHERE status = @status", new { status });

    public async ValueTask DisposeAsync() => await Storage.DisposeAsync();
}

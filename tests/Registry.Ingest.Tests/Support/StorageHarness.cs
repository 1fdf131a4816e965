using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Configuration;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A migrated registry database of a test's own and a work folder. Files are ingested as the
/// worker ingests them (<see cref="PipelineFactory.CreateWithStorage"/>, the app role, a fixed clock),
/// and the tables are read back as the owner.
/// </summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private int fileCount;

    private StorageHarness(TestDatabase database, TempFolder work)
    {
        Database = database;
        Work = work;
    }

    public TestDatabase Database { get; }

    public TempFolder Work { get; }

    public static async Task<StorageHarness> StartAsync([CallerMemberName] string caller = "") =>
        new(await RegistrySchema.CreateMigratedAsync(), TempFolder.ForCaller(caller));

    /// <summary>Later files are read in one pass, as the worker reads a file still downloading (<see cref="TricklingStream"/>).</summary>
    public bool OnePass { get; set; }

    /// <summary>Configuration for every later ingest, e.g. <c>("Database:ChunkSize", "1")</c>.</summary>
    public (string Key, string Value)[] Settings { get; set; } = [];

    /// <summary>A valid batch file name, new at each call: <c>HL7_CLINIC01_20240515_120001.txt</c>, …02, …</summary>
    public string NextFileName() => string.Create(CultureInfo.InvariantCulture, $"HL7_CLINIC01_20240515_1200{++fileCount:00}.txt");

    /// <summary>The ingest pipeline as the CLI builds it, on this database as the app role.</summary>
    public BatchFileProcessor Processor(TimeProvider? time = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:Registry", Database.AppConnectionString), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        return PipelineFactory.CreateWithStorage(configuration, time ?? FixedTimeProvider.Default);
    }

    /// <summary>Ingests <paramref name="text"/> as a new file (or under <paramref name="fileName"/>) into its own output folder.</summary>
    public IngestRun Ingest(string text, string? fileName = null, TimeProvider? time = null) =>
        Ingest(Encoding.UTF8.GetBytes(text), fileName, time);

    public IngestRun Ingest(byte[] file, string? fileName = null, TimeProvider? time = null)
    {
        fileName ??= NextFileName();
        return IngestRun.Of(Processor(time, Settings), fileName, file, Work.Combine("out-" + Path.GetFileNameWithoutExtension(fileName) + "-" + Guid.NewGuid().ToString("N")[..8]), OnePass);
    }

    /// <summary>Ingests the messages one file each, or together in one file of one or many chunks.</summary>
    public List<IngestRun> Send(Delivery delivery, params VxuBuilder[] messages)
    {
        if (delivery == Delivery.SeparateFiles)
        {
            return messages.Select(m => Ingest(m.Text)).ToList();
        }

        var saved = Settings;
        Settings = delivery == Delivery.ChunkPerMessage ? [.. saved, ("Database:ChunkSize", "1")] : saved;
        try
        {
            return [Ingest(string.Concat(messages.Select(m => m.Text)))];
        }
        finally
        {
            Settings = saved;
        }
    }

    public T Scalar<T>(string sql, object? parameters = null) => Sql.Scalar<T>(Database.OwnerConnectionString, sql, parameters);

    public List<T> Query<T>(string sql, object? parameters = null) => Sql.Query<T>(Database.OwnerConnectionString, sql, parameters);

    public long Count(string table) => Scalar<long>($"SELECT count(*) FROM registry.{table}");

    /// <summary>Row count of every table the ingest writes, for "nothing was duplicated" checks.</summary>
    public Dictionary<string, long> Counts() =>
        RegistrySchema.Tables.Where(t => t is not "schema_migration" and not "drop_file").ToDictionary(t => t, Count);

    public async ValueTask DisposeAsync()
    {
        Work.Dispose();
        await Database.DisposeAsync();
    }
}

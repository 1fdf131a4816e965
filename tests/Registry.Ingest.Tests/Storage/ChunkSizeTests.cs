using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Where chunks end is an implementation detail: the same file stored in chunks of any size
/// (Database:ChunkSize) leaves the same database, table by table, and the same ACK outcome.
/// </summary>
[TestFixture]
internal sealed class ChunkSizeTests
{
    private static readonly byte[] File = BatchFiles.Bytes(VariedBatch.Messages(600));

    [TestCase("7")]
    [TestCase("64")]
    public async Task Ingest_AnyChunkSize_StoresWhatOneChunkStores(string chunkSize)
    {
        await using var oneChunk = await StorageHarness.StartAsync();
        await using var chunked = await StorageHarness.StartAsync();
        var whole = oneChunk.Ingest(File, "HL7_CLINIC01_20240515.txt");
        chunked.Settings = [("Database:ChunkSize", chunkSize)];

        var inChunks = chunked.Ingest(File, "HL7_CLINIC01_20240515.txt");

        RegistrySnapshot.AssertSame(oneChunk.Database, chunked.Database);
        Assert.That(inChunks.AckWithoutControlIds, Is.EqualTo(whole.AckWithoutControlIds));
        Assert.That(RegistrySnapshot.Read(oneChunk.Database)["patient"].Count(p => p.Contains("\"possible_duplicate_of\": \"", StringComparison.Ordinal)), Is.GreaterThan(10), "the file has possible duplicates");
    }
}

using Npgsql;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A worker that goes silent mid-file (its machine or network lost) cannot roll back: the server
/// ends its transaction after Database:StalledFileTimeoutSeconds, so the ingest lock every other
/// worker waits on is not held for hours.
/// </summary>
[TestFixture]
internal sealed class StalledFileTests
{
    [Test]
    public async Task Ingest_WorkerStalledMidFile_ServerEndsItsTransactionAndAnotherFileIsStored()
    {
        await using var registry = await StorageHarness.StartAsync();
        var stalledFile = BatchFiles.Bytes(VariedBatch.Messages(60));
        using var stalled = new StallingStream(stalledFile, stallAt: stalledFile.Length / 2);
        var processor = registry.Processor(null, ("Database:ChunkSize", "10"), ("Database:StalledFileTimeoutSeconds", "1"));
        var output = Directory.CreateDirectory(registry.Work.Combine("stalled")).FullName;
        var worker = Task.Run(() => processor.Process(stalled, "HL7_CLINIC01_20240515.txt", output));
        Assert.That(WaitHandle.WaitAny([stalled.Stalled.WaitHandle, ((IAsyncResult)worker).AsyncWaitHandle], TimeSpan.FromMinutes(1)), Is.Zero, "the first worker reached the middle of its file");

        // Another worker's file gets the ingest lock once the server has ended the stalled transaction.
        var other = Task.Run(() => registry.Ingest(SampleVxu.Valid251().Text, "HL7_CLINIC01_20240516.txt"));
        Assert.That(other.Wait(TimeSpan.FromMinutes(1)), Is.True, "the other file was stored while the first worker was still silent");
        stalled.Resume();

        var error = Assert.CatchAsync<PostgresException>(() => worker);
        Assert.That(error!.SqlState, Is.EqualTo("25P03"), "idle_in_transaction_session_timeout");
        Assert.That(registry.Query<string>("SELECT file_name FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { "HL7_CLINIC01_20240516.txt" }), "nothing of the stalled file remains");
    }

    /// <summary>Reads normally until <c>stallAt</c> on the second pass (the first is the fingerprint), then waits to be resumed.</summary>
    private sealed class StallingStream(byte[] content, int stallAt) : MemoryStream(content, writable: false)
    {
        private readonly ManualResetEventSlim resume = new();
        private int passes;

        public ManualResetEventSlim Stalled { get; } = new();

        public void Resume() => resume.Set();

        public override long Position
        {
            get => base.Position;
            set
            {
                if (value == 0)
                {
                    passes++;
                }

                base.Position = value;
            }
        }

        // MemoryStream sends a derived type's span reads here too.
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (passes >= 1 && Position + count > stallAt && !resume.IsSet)
            {
                Stalled.Set();
                resume.Wait(TimeSpan.FromMinutes(2));
            }

            return base.Read(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                resume.Dispose();
                Stalled.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

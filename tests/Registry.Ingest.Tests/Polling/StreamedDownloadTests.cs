using System.Security.Cryptography;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Polling;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Polling;

/// <summary>
/// The worker's download into the work folder, read by the pipeline while it is still arriving:
/// the reader gets every byte in order, waits for bytes not yet there, sees the end only after the
/// download is recorded, and fails with the download's own exception.
/// </summary>
[TestFixture]
internal sealed class StreamedDownloadTests
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(700_000);

    [Test]
    public void Reader_WhileASlowDownloadArrives_GetsEveryByteAndSeesTheEndOnlyAfterCompletion()
    {
        using var work = TempFolder.ForCaller();
        bool completed = false;
        string? sha = null;
        using var gate = new SemaphoreSlim(0);
        var source = new GatedStream(new MemoryStream(Content), gate);
        using var download = new StreamedDownload(source, work.Combine("input"), (hash, size) =>
        {
            Thread.Sleep(50); // recording the download takes a moment: the reader must not see the end before it is done
            sha = $"{hash} {size}";
            Volatile.Write(ref completed, true);
        }, TimeProvider.System, CancellationToken.None);
        using var reader = download.OpenReader();

        var received = new MemoryStream();
        var buffer = new byte[10_000];
        int read;
        int reads = 0;
        while (true)
        {
            gate.Release(); // lets the source hand out one more piece
            read = reader.Read(buffer);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            reads++;
        }

        Assert.That(Volatile.Read(ref completed), Is.True, "the end is seen only once the download is recorded");
        Assert.That(received.ToArray(), Is.EqualTo(Content));
        Assert.That(reads, Is.GreaterThan(10), "read piece by piece while it arrived");
        Assert.That(sha, Is.EqualTo($"{Convert.ToHexStringLower(SHA256.HashData(Content))} {Content.Length}"));
    }

    [Test]
    public void Reader_DownloadLostMidway_ThrowsTheDownloadsOwnException()
    {
        using var work = TempFolder.ForCaller();
        var lost = new DropFolderUnavailableException("connection lost", new IOException("reset"));
        bool completed = false;
        using var download = new StreamedDownload(new FailingAfterStream(new MemoryStream(Content), 300_000, lost), work.Combine("input"), (_, _) => completed = true, TimeProvider.System, CancellationToken.None);
        using var reader = download.OpenReader();

        var thrown = Assert.Throws<DropFolderUnavailableException>(() => reader.CopyTo(Stream.Null));

        Assert.That(thrown, Is.SameAs(lost));
        Assert.That(completed, Is.False);
    }

    [Test]
    public void Dispose_WhileTheDownloadIsStillRunning_StopsIt()
    {
        using var work = TempFolder.ForCaller();
        using var gate = new SemaphoreSlim(0);
        var source = new GatedStream(new MemoryStream(Content), gate);
        var download = new StreamedDownload(source, work.Combine("input"), (_, _) => { }, TimeProvider.System, CancellationToken.None);

        var disposing = Task.Run(download.Dispose);
        gate.Release(1000); // the copy loop sees the cancellation at its next piece

        Assert.That(disposing.Wait(TimeSpan.FromSeconds(10)), Is.True, "Dispose returned");
        Assert.That(source.Disposed, Is.True, "the drop folder's stream was closed");
    }

    [Test]
    public void WaitUntilNearlyDone_SlowDownload_WaitsForItsEndAndAFastOneDoesNot()
    {
        using var work = TempFolder.ForCaller();
        using var gate = new SemaphoreSlim(0);
        using var download = new StreamedDownload(new GatedStream(new MemoryStream(Content), gate), work.Combine("input"), (_, _) => { }, TimeProvider.System, CancellationToken.None);
        gate.Release(3); // 12 KB of 700 KB, then nothing: hours to go at that rate

        var waiting = Task.Run(() => download.WaitUntilNearlyDone(Content.Length, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.That(waiting.Wait(TimeSpan.FromMilliseconds(400)), Is.False, "a slow download is waited for");
        gate.Release(1000);
        Assert.That(waiting.Wait(TimeSpan.FromSeconds(10)), Is.True, "and no longer once it is done");

        using var fastWork = TempFolder.ForCaller("Fast");
        using var fast = new StreamedDownload(new MemoryStream(Content), fastWork.Combine("input"), (_, _) => { }, TimeProvider.System, CancellationToken.None);
        Assert.That(() => fast.WaitUntilNearlyDone(Content.Length * 1000L, TimeSpan.FromSeconds(30), CancellationToken.None), Throws.Nothing);
    }

    /// <summary>Hands out one piece of at most 4 KB per release of <paramref name="gate"/>.</summary>
    private sealed class GatedStream(Stream inner, SemaphoreSlim gate) : Registry.Ingest.Processing.ReadThroughStream(inner, disposeInner: true)
    {
        public bool Disposed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            // Bounded, so that a failed test cannot leave the copy thread (and Dispose) waiting forever.
            if (!gate.Wait(TimeSpan.FromSeconds(20)))
            {
                throw new IOException("the test released no more of the file");
            }

            return Inner.Read(buffer[..Math.Min(buffer.Length, 4096)]);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

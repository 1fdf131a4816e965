using System.Runtime.ExceptionServices;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Polling;

/// <summary>
/// A file copied from the drop folder into the work folder on a thread of its own, while the
/// pipeline reads the copy as it grows (<see cref="OpenReader"/>): reading starts with the first
/// bytes instead of after the last. The copy is hashed as it is written; <c>completed</c> gets
/// the fingerprint and size before a reader is allowed to see the end of the file, so whatever it
/// records happens before the pipeline can commit. A failed download fails the reader with the
/// download's own exception (a lost SFTP connection stays a drop folder outage).
/// </summary>
internal sealed class StreamedDownload : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan RateObservedFor = TimeSpan.FromMilliseconds(250);
    private readonly object gate = new();
    private readonly string path;
    private readonly CancellationTokenSource cancel;
    private readonly Task copying;
    private long written;
    private bool finished;
    private ExceptionDispatchInfo? failure;
    private readonly TimeProvider time;
    private readonly long started;

    /// <param name="source">The file in the drop folder, open; disposed when copied.</param>
    /// <param name="path">The copy: created here, so a reader can open it at once.</param>
    /// <param name="completed">Called on the copying thread with the SHA-256 (hex) and size once the last byte is written.</param>
    /// <param name="time">For the download's rate (<see cref="WaitUntilNearlyDone"/>).</param>
    public StreamedDownload(Stream source, string path, Action<string, long> completed, TimeProvider time, CancellationToken cancellationToken)
    {
        this.path = path;
        this.time = time;
        started = time.GetTimestamp();
        FileStream copy;
        try
        {
            copy = WorkFolder.CreateNew(path, bufferSize: 0);
        }
        catch
        {
            source.Dispose(); // ours from the start: nothing else would close it
            throw;
        }

        cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        copying = Task.Factory.StartNew(() => Copy(source, copy, completed), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits until the download is done or, at the rate it has kept so far, due to be done within
    /// <paramref name="lead"/>. The pipeline holds the file's transaction and the ingest lock
    /// (one file at a time across workers) from its first chunk: over a slow link, starting it
    /// with the download would hold both for the whole transfer. Over a fast one this returns
    /// after the first bytes.
    /// </summary>
    /// <param name="expectedSize">The size the listing gave.</param>
    public void WaitUntilNearlyDone(long expectedSize, TimeSpan lead, CancellationToken cancellationToken) =>
        WaitUntil(
            () =>
            {
                // The first reads come in a burst: the rate means something only after a moment.
                double seconds = time.GetElapsedTime(started).TotalSeconds;
                return written > 0 && seconds >= RateObservedFor.TotalSeconds && (expectedSize - written) / (written / seconds) <= lead.TotalSeconds;
            },
            cancellationToken);

    /// <summary>Waits until the whole file is copied and its download recorded; throws the download's failure.</summary>
    public void WaitUntilDone(CancellationToken cancellationToken)
    {
        WaitUntil(() => false, cancellationToken);
        lock (gate)
        {
            failure?.Throw();
        }
    }

    /// <summary>Waits, holding the lock between checks, until the download has finished (or failed) or <paramref name="enough"/> says so.</summary>
    private void WaitUntil(Func<bool> enough, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            while (!finished && !enough())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(gate, TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>A forward-only stream over the copy that waits for bytes not yet downloaded.</summary>
    public Stream OpenReader() => new Reader(this, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, FileOptions.SequentialScan));

    /// <summary>Stops the copy if it is still running and waits for it; its failure, if any, was the readers' to report.</summary>
    public void Dispose()
    {
        cancel.Cancel();
        try
        {
            copying.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Recorded in failure and thrown to the reader.
        }

        cancel.Dispose();
    }

    private void Copy(Stream source, FileStream copy, Action<string, long> completed)
    {
        try
        {
            using (source)
            using (copy)
            using (var hashing = new FingerprintStream(source))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = hashing.Read(buffer)) > 0)
                {
                    cancel.Token.ThrowIfCancellationRequested();
                    copy.Write(buffer, 0, read); // unbuffered: in the file, for a reader, once this returns
                    lock (gate)
                    {
                        written += read;
                        Monitor.PulseAll(gate);
                    }
                }

                completed(hashing.Sha256Hex(), hashing.BytesRead);
            }

            lock (gate)
            {
                finished = true;
                Monitor.PulseAll(gate);
            }
        }
        catch (Exception e)
        {
            lock (gate)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                finished = true;
                Monitor.PulseAll(gate);
            }

            throw;
        }
    }

    /// <summary>How many bytes past <paramref name="position"/> can be read now: waits for more, 0 at the end; throws the download's failure.</summary>
    private long Available(long position)
    {
        lock (gate)
        {
            while (written <= position && !finished)
            {
                Monitor.Wait(gate);
            }

            failure?.Throw();
            return written - position;
        }
    }

    private sealed class Reader(StreamedDownload download, FileStream file) : ReadThroughStream(file, disposeInner: true)
    {
        private long position;

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            long available = download.Available(position);
            if (available == 0)
            {
                return 0;
            }

            int read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, available)]);
            if (read == 0)
            {
                // Never a short end: the pipeline would store part of the file as if it were whole.
                throw new IOException($"The copy in the work folder ended at {position} bytes, before the {position + available} downloaded.");
            }

            position += read;
            return read;
        }
    }
}

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A read-only stream over bytes that calls <paramref name="onThreshold"/> once, as soon as the
/// bytes read in total (over every pass) reach <paramref name="threshold"/>.
/// </summary>
internal sealed class ReadWatchingStream(byte[] bytes, long threshold, Action onThreshold) : MemoryStream(bytes, writable: false)
{
    private long total;
    private bool called;

    public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

    private int Count(int read)
    {
        total += read;
        if (!called && total >= threshold)
        {
            called = true;
            onThreshold();
        }

        return read;
    }
}

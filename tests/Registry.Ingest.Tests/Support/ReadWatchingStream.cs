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

    // No Read(Span) override: for a derived type MemoryStream routes span reads through Read(byte[]),
    // so counting there too would count every byte twice.

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

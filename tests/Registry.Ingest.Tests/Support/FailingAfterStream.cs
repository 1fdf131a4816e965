using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>Reads through until <paramref name="after"/> bytes, then throws <paramref name="failure"/>: a connection lost mid-download.</summary>
internal sealed class FailingAfterStream(Stream inner, long after, Exception failure) : ReadThroughStream(inner, disposeInner: true)
{
    private long read;

    public override int Read(Span<byte> buffer)
    {
        if (read >= after)
        {
            throw failure;
        }

        int n = Inner.Read(buffer[..(int)Math.Min(buffer.Length, after - read)]);
        read += n;
        return n;
    }
}

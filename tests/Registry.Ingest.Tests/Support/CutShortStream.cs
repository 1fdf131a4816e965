using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>Ends after <paramref name="length"/> bytes, running <paramref name="atCut"/> once there: a file truncated while it is read.</summary>
internal sealed class CutShortStream(Stream inner, long length, Action atCut) : ReadThroughStream(inner, disposeInner: true)
{
    private long position;
    private bool cut;

    public override int Read(Span<byte> buffer)
    {
        if (position >= length)
        {
            if (!cut)
            {
                cut = true;
                atCut();
            }

            return 0;
        }

        int read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, length - position)]);
        position += read;
        return read;
    }
}

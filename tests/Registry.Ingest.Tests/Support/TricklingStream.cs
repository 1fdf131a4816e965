using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A stream that cannot seek and hands out at most a few hundred bytes a read, in varying
/// amounts: a file as it arrives from a download, which the pipeline reads in one pass.
/// </summary>
internal sealed class TricklingStream(Stream inner) : ReadThroughStream(inner, disposeInner: true)
{
    private static readonly int[] Sizes = [1, 7, 300, 64, 2, 511, 3];
    private int next;

    public override int Read(Span<byte> buffer)
    {
        int size = Sizes[next++ % Sizes.Length];
        return Inner.Read(buffer[..Math.Min(buffer.Length, size)]);
    }
}

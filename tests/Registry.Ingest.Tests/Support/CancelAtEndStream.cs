using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>Reads through; cancels <paramref name="cancel"/> when the end is reached, as a stop request arriving just after a download.</summary>
internal sealed class CancelAtEndStream(Stream inner, CancellationTokenSource cancel) : ReadThroughStream(inner, disposeInner: true)
{
    public override int Read(Span<byte> buffer)
    {
        int read = Inner.Read(buffer);
        if (read == 0)
        {
            cancel.Cancel();
        }

        return read;
    }
}

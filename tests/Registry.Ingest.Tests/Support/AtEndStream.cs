using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>Runs an action once, when the stream has been read to its end: something that happens just after a download.</summary>
internal sealed class AtEndStream(Stream inner, Action atEnd) : ReadThroughStream(inner, disposeInner: true)
{
    private bool done;

    public override int Read(Span<byte> buffer)
    {
        int read = Inner.Read(buffer);
        if (read == 0 && !done)
        {
            done = true;
            atEnd();
        }

        return read;
    }
}

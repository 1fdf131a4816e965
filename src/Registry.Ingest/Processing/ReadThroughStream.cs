namespace Registry.Ingest.Processing;

/// <summary>
/// A forward-only, read-only pass-through over another stream, for wrappers that watch or
/// translate what is read (<see cref="Read(Span{byte})"/>): no seeking, writing or length.
/// </summary>
/// <param name="disposeInner">Whether disposing this stream disposes <paramref name="inner"/>.</param>
internal abstract class ReadThroughStream(Stream inner, bool disposeInner) : Stream
{
    protected Stream Inner => inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && disposeInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

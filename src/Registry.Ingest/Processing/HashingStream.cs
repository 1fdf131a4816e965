using System.Security.Cryptography;

namespace Registry.Ingest.Processing;

/// <summary>A read-only pass-through that hashes every byte read, so one read both inspects and fingerprints a file.</summary>
internal sealed class HashingStream(Stream inner) : ReadThroughStream(inner, disposeInner: false)
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Lower-case hex SHA-256 of everything read so far.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override int Read(Span<byte> buffer)
    {
        int read = Inner.Read(buffer);
        hash.AppendData(buffer[..read]);
        BytesRead += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

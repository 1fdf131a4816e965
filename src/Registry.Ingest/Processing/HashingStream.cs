using System.Security.Cryptography;
using Registry.Ingest.Hl7;

namespace Registry.Ingest.Processing;

/// <summary>A read-only pass-through that hashes and inspects every byte read, so one read both inspects and fingerprints a file.</summary>
/// <param name="stopAtNotText">
/// Throw <see cref="FileNotTextException"/> (once) from the read that finds the file is not text,
/// before its bytes are handed on: a file read in one pass is turned away there.
/// </param>
internal sealed class HashingStream(Stream inner, bool stopAtNotText = false) : ReadThroughStream(inner, disposeInner: false)
{
    private bool stopped;

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>What the bytes read so far are (<see cref="Hl7FileInspector"/>).</summary>
    public Hl7FileInspection Inspection { get; } = new();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Lower-case hex SHA-256 of everything read so far.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override int Read(Span<byte> buffer)
    {
        int read = Inner.Read(buffer);
        hash.AppendData(buffer[..read]);
        Inspection.Append(buffer[..read]);
        BytesRead += read;
        if (stopAtNotText && !stopped && Inspection.Kind == Hl7FileKind.NotText)
        {
            stopped = true;
            throw new FileNotTextException();
        }

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

/// <summary>A file read in one pass turned out not to be text (<see cref="HashingStream"/>).</summary>
internal sealed class FileNotTextException() : IOException("The file is not a text file.");

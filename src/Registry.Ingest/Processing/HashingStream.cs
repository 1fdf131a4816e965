using System.Security.Cryptography;
using Registry.Ingest.Hl7;

namespace Registry.Ingest.Processing;

/// <summary>
/// A read-only pass-through that fingerprints every byte read and inspects the text they hold, so
/// one read both inspects and fingerprints a file. The fingerprint and size are of the bytes as
/// received (<see cref="FingerprintStream"/>); what is handed on (and inspected) is the text as
/// UTF-8: a UTF-16 file is decoded (<see cref="Utf16DecodingStream"/>), any other passes through
/// as it is.
/// </summary>
/// <param name="stopAtNotText">
/// Throw <see cref="FileNotTextException"/> (once) from the read that finds the file is not text,
/// before its bytes are handed on: a file read in one pass is turned away there.
/// </param>
internal sealed class HashingStream : ReadThroughStream
{
    private readonly FingerprintStream raw;
    private readonly Utf16DecodingStream decoded;
    private readonly bool stopAtNotText;
    private bool stopped;

    public HashingStream(Stream inner, bool stopAtNotText = false)
        : base(inner, disposeInner: false)
    {
        raw = new FingerprintStream(inner);
        decoded = new Utf16DecodingStream(raw);
        this.stopAtNotText = stopAtNotText;
    }

    public long BytesRead => raw.BytesRead;

    /// <summary>What the text read so far is (<see cref="Hl7FileInspector"/>).</summary>
    public Hl7FileInspection Inspection { get; } = new();

    /// <summary>"UTF-16LE" or "UTF-16BE" when the file was UTF-16 and is handed on decoded; null otherwise.</summary>
    public string? DecodedFrom => decoded.DecodedFrom;

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Lower-case hex SHA-256 of everything read so far.</summary>
    public string Sha256Hex() => raw.Sha256Hex();

    public override int Read(Span<byte> buffer)
    {
        int read = decoded.Read(buffer);
        Inspection.Append(buffer[..read]);
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
            decoded.Dispose();
            raw.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A read-only pass-through that hashes (SHA-256) and counts the bytes read, unchanged: a file's
/// fingerprint as received, for a copy that must stay the file as sent (a download's).
/// </summary>
internal sealed class FingerprintStream(Stream inner) : ReadThroughStream(inner, disposeInner: false)
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

/// <summary>A file read in one pass turned out not to be text (<see cref="HashingStream"/>).</summary>
internal sealed class FileNotTextException() : IOException("The file is not a text file.");

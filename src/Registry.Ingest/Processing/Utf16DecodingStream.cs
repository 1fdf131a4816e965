using System.Buffers;
using System.Text;

namespace Registry.Ingest.Processing;

/// <summary>
/// A file's bytes as UTF-8 when it starts with a UTF-16 byte order mark (FF FE little-endian, FE FF
/// big-endian: Notepad's "Unicode", PowerShell 5's redirection), passed through unchanged
/// otherwise. The batch reader reads UTF-8 (or ISO-8859-1) and takes a NUL byte for a file that is
/// no text, which every other byte of UTF-16 text is. The byte order mark becomes UTF-8's, which
/// the reader skips; a lone surrogate becomes U+FFFD. Forward-only, like the reads it serves.
/// </summary>
internal sealed class Utf16DecodingStream(Stream inner) : ReadThroughStream(inner, disposeInner: false)
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private bool started;
    private Decoder? decoder; // null: not UTF-16, bytes pass through
    private byte[] head = []; // the bytes read to look for the mark, handed on first when not UTF-16
    private int headAt;
    private byte[]? raw;
    private char[]? chars;
    private byte[]? pending; // UTF-8 decoded but not yet handed on
    private int pendingAt;
    private int pendingLength;
    private bool innerDone;

    /// <summary>The encoding the file was read in when it was UTF-16 ("UTF-16LE", "UTF-16BE"); null otherwise. Known after the first read.</summary>
    public string? DecodedFrom { get; private set; }

    /// <summary>Whether a stream's first bytes are a UTF-16 byte order mark.</summary>
    public static bool StartsWithUtf16Mark(ReadOnlySpan<byte> start) =>
        start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (!started)
        {
            Start();
        }

        if (decoder is null)
        {
            if (headAt < head.Length)
            {
                int n = Math.Min(buffer.Length, head.Length - headAt);
                head.AsSpan(headAt, n).CopyTo(buffer);
                headAt += n;
                return n;
            }

            return Inner.Read(buffer);
        }

        while (pendingAt == pendingLength)
        {
            if (innerDone)
            {
                return 0;
            }

            Decode();
        }

        int count = Math.Min(buffer.Length, pendingLength - pendingAt);
        pending.AsSpan(pendingAt, count).CopyTo(buffer);
        pendingAt += count;
        return count;
    }

    private void Start()
    {
        started = true;
        var mark = new byte[2];
        int read = 0;
        while (read < 2)
        {
            int n = Inner.Read(mark, read, 2 - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == 2 && StartsWithUtf16Mark(mark))
        {
            bool little = mark[0] == 0xFF;
            DecodedFrom = little ? "UTF-16LE" : "UTF-16BE";
            decoder = new UnicodeEncoding(bigEndian: !little, byteOrderMark: false, throwOnInvalidBytes: false).GetDecoder();
            raw = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            chars = ArrayPool<char>.Shared.Rent(ChunkBytes / 2 + 2);
            pending = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(chars.Length) + 3);
            // The mark, as UTF-8's: the reader skips it as it skips any file's.
            pending[0] = 0xEF;
            pending[1] = 0xBB;
            pending[2] = 0xBF;
            pendingLength = 3;
            return;
        }

        head = mark[..read];
    }

    /// <summary>Reads the next chunk of UTF-16 and encodes it as UTF-8 into <see cref="pending"/>.</summary>
    private void Decode()
    {
        int read = Inner.Read(raw!, 0, ChunkBytes);
        innerDone = read == 0;
        int charCount = decoder!.GetChars(raw!, 0, read, chars!, 0, flush: innerDone);
        pendingAt = 0;
        pendingLength = Utf8.GetBytes(chars!, 0, charCount, pending!, 0);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && raw is not null)
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<char>.Shared.Return(chars!);
            ArrayPool<byte>.Shared.Return(pending!);
            raw = null;
        }

        base.Dispose(disposing);
    }
}

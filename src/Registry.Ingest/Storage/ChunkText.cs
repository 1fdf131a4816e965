using System.Buffers;
using System.Text;

namespace Registry.Ingest.Storage;

/// <summary>
/// The raw text of a chunk's messages, as UTF-8 (the form the database stores), packed into
/// pooled segments instead of an array per message: a 50,000-message file no longer allocates
/// its 67 MB of text again, and a chunk waiting to be written holds no garbage-collected copy of
/// it. The messages' bytes are valid until <see cref="Release"/>, once the chunk is written.
/// </summary>
internal sealed class ChunkText
{
    private const int SegmentSize = 256 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly List<byte[]> rented = [];
    private byte[]? current;
    private int used;

    public ReadOnlyMemory<byte> Add(ReadOnlySpan<char> text)
    {
        int most = Utf8.GetMaxByteCount(text.Length);
        if (most > SegmentSize / 4)
        {
            // A big message (rare) gets an array of its own rather than wasting a segment's tail.
            var own = new byte[Utf8.GetByteCount(text)];
            Utf8.GetBytes(text, own);
            return own;
        }

        if (current is null || SegmentSize - used < most)
        {
            current = ArrayPool<byte>.Shared.Rent(SegmentSize);
            rented.Add(current);
            used = 0;
        }

        int length = Utf8.GetBytes(text, current.AsSpan(used));
        var bytes = current.AsMemory(used, length);
        used += length;
        return bytes;
    }

    /// <summary>Gives the segments back: the bytes <see cref="Add"/> returned are no longer the messages'.</summary>
    public void Release()
    {
        foreach (var segment in rented)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        rented.Clear();
        current = null;
    }
}

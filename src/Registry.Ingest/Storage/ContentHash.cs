using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Ingest.Storage;

/// <summary>
/// A digest of what one message contributes to a stored record (a patient with its identifiers
/// and next of kin, or a vaccination with its observations and VIS). Every write of these records
/// is idempotent (empty keeps, <c>""</c> clears, a value replaces, observations are replaced), so
/// a message whose contribution has the same digest as the last one applied to the record cannot
/// change it: it is skipped, and the record keeps the provenance of the message that last changed
/// it. Values are framed (a tag, then a length where one is needed), so no two different value
/// lists give the same bytes; the first 16 bytes of SHA-256 of those bytes are kept.
/// </summary>
internal sealed class ContentHash : IRowValues
{
    public const int Length = 16;

    // Bumped whenever the framing changes, so no stored digest can match bytes framed another way.
    private const byte Version = 1;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private byte[] buffer = new byte[2048];
    private int position;

    public ContentHash() => Start();

    /// <summary>The digest of everything written since the last call; the next values start a new one.</summary>
    public byte[] Finish()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.AsSpan(0, position), digest);
        Start();
        return digest[..Length].ToArray();
    }

    public static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);

    public void WriteText(string? value)
    {
        if (value is null)
        {
            Tag(0);
            return;
        }

        // UTF-8: half the bytes to hash of UTF-16 for the ASCII most fields hold.
        var span = Take(5 + Utf8.GetMaxByteCount(value.Length));
        int length = Utf8.GetBytes(value, span[5..]);
        span[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], length);
        position -= span.Length - 5 - length;
    }

    public void WriteInt(int? value) => WriteLong(value);

    public void WriteLong(long? value)
    {
        if (value is null)
        {
            Tag(0);
            return;
        }

        var span = Take(9);
        span[0] = 2;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value.Value);
    }

    public void WriteDate(DateOnly? value) => WriteLong(value?.DayNumber);

    public void WriteLocalTime(DateTime? value) => WriteLong(value?.Ticks);

    public void WriteDecimal(decimal? value)
    {
        if (value is null)
        {
            Tag(0);
            return;
        }

        // The decimal's bits keep its scale: 0.5 and 0.50 are stored differently, so they differ here too.
        var span = Take(17);
        span[0] = 3;
        decimal.GetBits(value.Value, MemoryMarshal.Cast<byte, int>(span.Slice(1, 16)));
    }

    public void WriteTextArray(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            Tag(0);
            return;
        }

        var span = Take(5);
        span[0] = 4;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], values.Count);
        // By index: a foreach over the interface would box its enumerator, once per row.
        for (int i = 0; i < values.Count; i++)
        {
            var value = values[i];
            WriteText(value);
        }
    }

    private void Start()
    {
        position = 0;
        Tag(Version);
    }

    private void Tag(byte tag) => Take(1)[0] = tag;

    private Span<byte> Take(int count)
    {
        if (buffer.Length - position < count)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, position + count));
        }

        var span = buffer.AsSpan(position, count);
        position += count;
        return span;
    }
}

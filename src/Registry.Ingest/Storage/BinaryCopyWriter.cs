using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// Rows for <c>COPY ... FROM STDIN (FORMAT BINARY)</c>, encoded here and sent as raw bytes.
/// Npgsql's <see cref="NpgsqlBinaryImporter"/> resolves and binds a parameter for every value
/// (about 0.16 µs each); a 50,000-message file is some 12 million values, so that alone cost
/// about 2 s of the client's CPU. This writer encodes straight into a buffer instead. Values use
/// PostgreSQL's binary send formats (int2/int4/int8 big-endian, text as UTF-8, date as days and
/// timestamps as microseconds since 2000-01-01, numeric as base-10000 digits, one-dimensional
/// text arrays). The rows are encoded now, into pooled buffers, and <see cref="Complete"/> adds
/// the COPY to a chunk's <see cref="ChunkWrites"/>, which sends it when the chunk is applied: the
/// encoding of one chunk overlaps the server's storing of the last. A table with no rows adds no
/// COPY (no round trip); disposing without <see cref="Complete"/> adds nothing.
/// </summary>
internal sealed class BinaryCopyWriter : IRowValues, IDisposable
{
    private const int BufferSize = 256 * 1024;
    private const int TextOid = 25;

    // "PGCOPY\n\377\r\n\0": 0xFF is a raw byte, not a character a UTF-8 literal could hold.
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;

    private readonly ChunkWrites writes;
    private readonly string sql;
    private List<(byte[] Buffer, int Length)>? segments; // full buffers, in order; null until the first row
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int position;
    private int rowStart = -1;
    private short fields;

    private BinaryCopyWriter(ChunkWrites writes, string sql)
    {
        this.writes = writes;
        this.sql = sql;
        Signature.CopyTo(buffer);
        position = Signature.Length + 8; // flags and header extension length, both 0
        buffer.AsSpan(Signature.Length, 8).Clear();
    }

    /// <summary>Rows encoded now; <see cref="Complete"/> adds the COPY to <paramref name="writes"/>, to be sent when they are applied.</summary>
    /// <param name="copySql">A <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static BinaryCopyWriter Begin(ChunkWrites writes, string copySql) => new(writes, copySql);

    public void StartRow()
    {
        segments ??= [];
        EndRow();
        if (buffer.Length - position < BufferSize / 4)
        {
            Flush();
        }

        rowStart = position;
        position += 2;
        fields = 0;
    }

    public void WriteNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), -1);
        position += 4;
        fields++;
    }

    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        if (value.Contains('\0'))
        {
            value = value.Replace("\0", string.Empty, StringComparison.Ordinal); // PostgreSQL text holds no NUL (an escaped \X00\)
        }

        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        int length = Utf8.GetBytes(value, buffer.AsSpan(position + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), length);
        position += 4 + length;
        fields++;
    }

    /// <summary>A text value already encoded as UTF-8.</summary>
    public void WriteUtf8Text(ReadOnlySpan<byte> value)
    {
        Ensure(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), value.Length);
        value.CopyTo(buffer.AsSpan(position + 4));
        position += 4 + value.Length;
        fields++;
    }

    /// <summary>A bytea value.</summary>
    public void WriteBytes(byte[]? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteUtf8Text(value);
    }

    public void WriteInt(int? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position + 4), value.Value);
        position += 8;
        fields++;
    }

    public void WriteLong(long? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteInt64(value.Value);
    }

    public void WriteBool(bool value)
    {
        Ensure(5);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 1);
        buffer[position + 4] = value ? (byte)1 : (byte)0;
        position += 5;
        fields++;
    }

    public void WriteDate(DateOnly? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteInt(value.Value.DayNumber - PostgresEpochDay);
    }

    /// <summary>timestamp without time zone: a time as the sender wrote it (its Kind is ignored).</summary>
    public void WriteLocalTime(DateTime? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteInt64((value.Value.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>timestamptz: an instant.</summary>
    public void WriteInstant(DateTimeOffset? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteInt64((value.Value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    public void WriteDecimal(decimal? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        Span<short> digits = stackalloc short[PostgresNumeric.MaxDigits];
        var numeric = PostgresNumeric.From(value.Value, digits);
        digits = digits[..numeric.Count];
        int length = 8 + (2 * digits.Length);
        Ensure(4 + length);
        var span = buffer.AsSpan(position);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], numeric.Weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], numeric.Negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], numeric.Scale);
        for (int i = 0; i < digits.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * i))..], digits[i]);
        }

        position += 4 + length;
        fields++;
    }

    /// <summary>A one-dimensional text[]; null elements are not expected and are written as null.</summary>
    public void WriteTextArray(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            WriteNull();
            return;
        }

        Ensure(4 + 20);
        int lengthAt = position;
        position += 4;
        var span = buffer.AsSpan(position);
        BinaryPrimitives.WriteInt32BigEndian(span, values.Count == 0 ? 0 : 1);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], 0); // no null elements
        BinaryPrimitives.WriteInt32BigEndian(span[8..], TextOid);
        position += 12;
        if (values.Count > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[12..], values.Count);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], 1);
            position += 8;
        }

        short saved = fields;
        // By index: a foreach over the interface would box its enumerator, once per row.
        for (int i = 0; i < values.Count; i++)
        {
            var value = values[i];
            WriteText(value);
        }

        fields = saved;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(lengthAt), position - lengthAt - 4);
        fields++;
    }

    /// <summary>Ends the rows and adds the COPY to the chunk's writes; the server checks them when it is sent.</summary>
    public void Complete()
    {
        if (segments is null)
        {
            return;
        }

        EndRow();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), -1);
        position += 2;
        Flush();
        writes.AddCopy(sql, segments);
        segments = null;
    }

    public void Dispose()
    {
        if (segments is not null)
        {
            ChunkWrites.Return(segments); // not completed: nothing is added
            segments = null;
        }

        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private void WriteInt64(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(position + 4), value);
        position += 12;
        fields++;
    }

    private void EndRow()
    {
        if (rowStart >= 0)
        {
            BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(rowStart), fields);
            rowStart = -1;
        }
    }

    /// <summary>Rows are flushed whole, so a row that outgrows the buffer grows it.</summary>
    private void Ensure(int bytes)
    {
        if (position + bytes <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, position + bytes));
        buffer.AsSpan(0, position).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private void Flush()
    {
        segments!.Add((buffer, position));
        buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        position = 0;
    }
}

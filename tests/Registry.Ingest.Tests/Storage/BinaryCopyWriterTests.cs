using System.Globalization;
using Npgsql;
using Registry.Ingest.Storage;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Our own binary COPY encoder against the real server: what PostgreSQL reads back must be what
/// was written, for every type the writers use.
/// </summary>
public sealed class BinaryCopyWriterTests
{
    private const string Table = """
        CREATE TEMP TABLE t (n integer, b bigint, s text, f boolean, d date, ts timestamp, tz timestamptz, x numeric, a text[])
        """;

    private const string Copy = "COPY t (n, b, s, f, d, ts, tz, x, a) FROM STDIN (FORMAT BINARY)";

    private static readonly decimal[] Decimals =
    [
        0m, 0.0m, 0.50m, 1m, -1m, 0.5m, 0.05m, 0.001m, 0.0001m, 0.00001m, 1.5m, 10000m, 9999.9999m, 10000.0001m, 12345678.9m,
        -0.25m, 100m, 1E-28m, -1E-28m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950.335m, 0.1000m, 3.14159265358979323846264338m,
    ];

    private static IEnumerable<TestCaseData> DecimalCases() =>
        Decimals.Select(d => new TestCaseData(d).SetArgDisplayNames(d.ToString(CultureInfo.InvariantCulture)));

    [TestCaseSource(nameof(DecimalCases))]
    public async Task WriteDecimal_AnyDecimal_ReadsBackEqualWithItsScale(decimal value)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, [c => c.WriteDecimal(value)], "COPY t (x) FROM STDIN (FORMAT BINARY)");

        var text = await ScalarAsync<string>(connection, "SELECT x::text FROM t");
        var back = await ScalarAsync<decimal>(connection, "SELECT x FROM t");
        Assert.Multiple(() =>
        {
            Assert.That(back, Is.EqualTo(value));
            Assert.That(text, Is.EqualTo(value.ToString(CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task WriteDecimal_ManyRandomValues_AllReadBackEqual()
    {
        var random = new Random(20261122);
        var values = Enumerable.Range(0, 2000)
            .Select(_ => new decimal(random.Next(), random.Next(), random.Next(0, 1 << 20), random.Next(2) == 0, (byte)random.Next(0, 29)))
            .ToList();
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, values.Select(v => (Action<BinaryCopyWriter>)(c => c.WriteDecimal(v))).ToArray(), "COPY t (x) FROM STDIN (FORMAT BINARY)");

        var back = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT x::text FROM t ORDER BY ctid", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                back.Add(reader.GetString(0));
            }
        }

        Assert.That(back, Is.EqualTo(values.Select(v => v.ToString(CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task WriteRow_EveryType_ReadsBackWhatWasWritten()
    {
        var local = new DateTime(2024, 2, 29, 13, 45, 7, 123, DateTimeKind.Unspecified).AddTicks(4560);
        var instant = new DateTimeOffset(1999, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-6));
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, c =>
        {
            c.WriteInt(-42);
            c.WriteLong(long.MaxValue);
            c.WriteText("Ünïcødé 測試 \t\"quoted\"\\ 🙂");
            c.WriteBool(true);
            c.WriteDate(new DateOnly(1890, 1, 1));
            c.WriteLocalTime(local);
            c.WriteInstant(instant);
            c.WriteDecimal(0.5m);
            c.WriteTextArray(["2106-3", "", "2054-5"]);
        });

        await using var command = new NpgsqlCommand("SELECT n, b, s, f, d, ts, tz, x, a FROM t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetInt32(0), Is.EqualTo(-42));
            Assert.That(reader.GetInt64(1), Is.EqualTo(long.MaxValue));
            Assert.That(reader.GetString(2), Is.EqualTo("Ünïcødé 測試 \t\"quoted\"\\ 🙂"));
            Assert.That(reader.GetBoolean(3), Is.True);
            Assert.That(reader.GetFieldValue<DateOnly>(4), Is.EqualTo(new DateOnly(1890, 1, 1)));
            Assert.That(reader.GetDateTime(5), Is.EqualTo(local));
            Assert.That(reader.GetFieldValue<DateTimeOffset>(6), Is.EqualTo(instant));
            Assert.That(reader.GetDecimal(7), Is.EqualTo(0.5m));
            Assert.That(reader.GetFieldValue<string[]>(8), Is.EqualTo(new[] { "2106-3", "", "2054-5" }));
        });
    }

    [Test]
    public async Task WriteRow_NullsAndEmptyArray_ReadBackAsNullsAndEmptyArray()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, c =>
        {
            c.WriteInt(null);
            c.WriteLong(null);
            c.WriteText(null);
            c.WriteBool(false);
            c.WriteDate(null);
            c.WriteLocalTime(null);
            c.WriteInstant(null);
            c.WriteDecimal(null);
            c.WriteTextArray([]);
        });

        var nulls = await ScalarAsync<int>(connection, "SELECT num_nulls(n, b, s, d, ts, tz, x) FROM t");
        var empty = await ScalarAsync<bool>(connection, "SELECT a = '{}'::text[] AND NOT f FROM t");
        Assert.Multiple(() =>
        {
            Assert.That(nulls, Is.EqualTo(7));
            Assert.That(empty, Is.True);
        });
    }

    [Test]
    public async Task WriteUtf8Text_EncodedText_ReadsBackAsTheSameString()
    {
        const string Text = "MSH|^~\\&|ÉHR|Clinique Saint-Étienne|||20240515||VXU^V04|1|P|2.5.1\rPID|1||測試";
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, [c => c.WriteUtf8Text(System.Text.Encoding.UTF8.GetBytes(Text))], "COPY t (s) FROM STDIN (FORMAT BINARY)");

        Assert.That(await ScalarAsync<string>(connection, "SELECT s FROM t"), Is.EqualTo(Text));
    }

    [Test]
    public async Task Write_RowsLargerThanTheBuffer_AreStoredWhole()
    {
        var big = new string('x', 700_000) + "é";
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        Write(connection, Enumerable.Range(0, 5).Select(i => (Action<BinaryCopyWriter>)(c => { c.WriteInt(i); c.WriteText(big); })).ToArray(), "COPY t (n, s) FROM STDIN (FORMAT BINARY)");

        var lengths = await ScalarAsync<long>(connection, "SELECT sum(length(s)) FROM t");
        Assert.That(lengths, Is.EqualTo(5L * big.Length));
    }

    [Test]
    public async Task Dispose_WithoutComplete_StoresNothingAndLeavesTheConnectionUsable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        using var writes = new ChunkWrites();
        using (var copy = BinaryCopyWriter.Begin(writes, "COPY t (n) FROM STDIN (FORMAT BINARY)"))
        {
            copy.StartRow();
            copy.WriteInt(1);
        }

        Apply(connection, writes);

        Assert.That(await ScalarAsync<long>(connection, "SELECT count(*) FROM t"), Is.Zero);
    }

    [Test]
    public async Task Complete_NoRows_SendsNoCopyAtAll()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);

        // Were the COPY sent, the server would refuse it: the table does not exist.
        using var writes = new ChunkWrites();
        using (var copy = BinaryCopyWriter.Begin(writes, "COPY no_such_table (n) FROM STDIN (FORMAT BINARY)"))
        {
            copy.Complete();
        }

        Assert.DoesNotThrow(() => Apply(connection, writes));

        Assert.That(await ScalarAsync<long>(connection, "SELECT count(*) FROM t"), Is.Zero, "the connection is still usable");
    }

    [Test]
    public async Task Complete_RowTheServerRejects_ThrowsPostgresError()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await OpenAsync(database);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE u (n integer NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        using var writes = new ChunkWrites();
        using (var copy = BinaryCopyWriter.Begin(writes, "COPY u (n) FROM STDIN (FORMAT BINARY)"))
        {
            copy.StartRow();
            copy.WriteInt(null);
            copy.Complete();
        }

        var error = Assert.Throws<PostgresException>(() => Apply(connection, writes));
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.NotNullViolation));
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Table, connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static void Write(NpgsqlConnection connection, Action<BinaryCopyWriter> row) => Write(connection, [row]);

    private static void Write(NpgsqlConnection connection, Action<BinaryCopyWriter>[] rows, string sql = Copy)
    {
        using var writes = new ChunkWrites();
        using (var copy = BinaryCopyWriter.Begin(writes, sql))
        {
            foreach (var row in rows)
            {
                copy.StartRow();
                row(copy);
            }

            copy.Complete();
        }

        Apply(connection, writes);
    }

    /// <summary>Sends the writes as a session does, in a transaction, and commits it.</summary>
    private static void Apply(NpgsqlConnection connection, ChunkWrites writes)
    {
        using var transaction = connection.BeginTransaction();
        writes.Apply(connection, transaction);
        transaction.Commit();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

using Dapper;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// Hands out ids from tables' identity sequences for one file's session, so rows can be
/// bulk-copied with their ids known. Ids are taken from the sequence in blocks that double in
/// size (the chunk's need, then twice the last block): a 50,000-message file asks the server a
/// handful of times per table instead of once per chunk, and leaves at most one block's worth
/// unused. Taking a block is one statement; it is only safe while no one else draws from the
/// sequence between its two calls: ingest sessions hold the ingest lock, and nothing else inserts
/// into these tables.
/// </summary>
internal sealed class SqlIds(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private readonly Dictionary<string, (long Next, long End, int LastBlock)> blocks = [];

    public long[] Next(string table, int count)
    {
        if (count == 0)
        {
            return [];
        }

        blocks.TryGetValue(table, out var block);
        if (block.End - block.Next < count)
        {
            int size = (int)Math.Min(Math.Max(count, 2L * block.LastBlock), 1 << 20);
            long first = connection.ExecuteScalar<long>(
                """
                WITH s AS (SELECT pg_get_serial_sequence(@table, 'id') AS name)
                SELECT setval(s.name, nextval(s.name) + @size - 1) - @size + 1 FROM s
                """,
                new { table, size = (long)size },
                transaction);
            block = (first, first + size, size);
        }

        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = block.Next + i;
        }

        blocks[table] = (block.Next + count, block.End, block.LastBlock);
        return ids;
    }
}

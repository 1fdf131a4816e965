using Dapper;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// Takes a block of consecutive ids from a table's identity sequence in one statement, so rows
/// can be bulk-copied with their ids known. Only safe while no one else draws from the sequence
/// between the two calls of the statement: ingest sessions hold the ingest lock, and nothing else
/// inserts into these tables.
/// </summary>
internal static class SqlIds
{
    public static long[] Next(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, int count)
    {
        if (count == 0)
        {
            return [];
        }

        long first = connection.ExecuteScalar<long>(
            """
            WITH s AS (SELECT pg_get_serial_sequence(@table, 'id') AS name)
            SELECT setval(s.name, nextval(s.name) + @count - 1) - @count + 1 FROM s
            """,
            new { table, count = (long)count },
            transaction);
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = first + i;
        }

        return ids;
    }
}

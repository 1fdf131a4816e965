using Dapper;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>Takes a block of ids from a table's identity sequence, so rows can be bulk-copied with their ids known.</summary>
internal static class SqlIds
{
    public static long[] Next(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, int count)
    {
        if (count == 0)
        {
            return [];
        }

        return connection.Query<long>(
            "SELECT nextval(pg_get_serial_sequence(@table, 'id')) FROM generate_series(1, @count)",
            new { table, count },
            transaction).ToArray();
    }
}

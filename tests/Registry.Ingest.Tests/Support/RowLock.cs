using Npgsql;

namespace Registry.Ingest.Tests.Support;

/// <summary>Row locks (<c>SELECT … FOR UPDATE</c>) held in an open transaction until disposed, to stop a writer at a known row.</summary>
internal sealed class RowLock : IDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private bool released;

    private RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Locks the rows <paramref name="selectForUpdate"/> returns; fails when it returns none.</summary>
    public static RowLock Take(string connectionString, string selectForUpdate, object? parameters = null)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var transaction = connection.BeginTransaction();
        var rows = Dapper.SqlMapper.Query(connection, selectForUpdate, parameters, transaction).Count();
        if (rows == 0)
        {
            transaction.Dispose();
            connection.Dispose();
            throw new InvalidOperationException($"Nothing to lock: {selectForUpdate}");
        }

        return new RowLock(connection, transaction);
    }

    /// <summary>Releases the locks; later calls do nothing.</summary>
    public void Dispose()
    {
        if (released)
        {
            return;
        }

        released = true;
        transaction.Rollback();
        transaction.Dispose();
        connection.Dispose();
    }
}

using Dapper;
using Npgsql;

namespace Registry.Ingest.Tests.Support;

/// <summary>One statement on a fresh connection, for reading tables back and setting up states.</summary>
internal static class Sql
{
    public static T Scalar<T>(string connectionString, string sql, object? parameters = null)
    {
        using var connection = new NpgsqlConnection(connectionString);
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    public static List<T> Query<T>(string connectionString, string sql, object? parameters = null)
    {
        using var connection = new NpgsqlConnection(connectionString);
        return connection.Query<T>(sql, parameters).ToList();
    }

    public static int Execute(string connectionString, string sql, object? parameters = null)
    {
        using var connection = new NpgsqlConnection(connectionString);
        return connection.Execute(sql, parameters);
    }
}

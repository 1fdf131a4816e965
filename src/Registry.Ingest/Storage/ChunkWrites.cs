using System.Buffers;
using Dapper;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// The statements that store one chunk, in the order they must run: binary COPYs already encoded
/// (<see cref="BinaryCopyWriter.Begin(ChunkWrites, string)"/>) and plain statements with their
/// parameters. Planning a chunk needs the connection only for its lookups; everything else is
/// decided and encoded here, without it, while the connection is still storing the chunk before.
/// <see cref="Apply"/> then only sends. The encoded rows live in pooled buffers until
/// <see cref="Dispose"/>.
/// </summary>
internal sealed class ChunkWrites : IDisposable
{
    private readonly List<Step> steps = [];

    /// <summary>The chunk's number in its file's session (from 1): names the rows it stages in session tables.</summary>
    public int Number { get; init; } = 1;

    /// <summary>A statement, run with <paramref name="parameters"/> (Dapper) when the writes are applied.</summary>
    public void Execute(string sql, object? parameters = null) => steps.Add(new Step(sql, parameters, null));

    internal void AddCopy(string sql, List<(byte[] Buffer, int Length)> segments) => steps.Add(new Step(sql, null, segments));

    /// <summary>Sends every step, in order, on the session's connection; the steps are then gone.</summary>
    public void Apply(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        foreach (var step in steps)
        {
            if (step.Segments is null)
            {
                connection.Execute(step.Sql, step.Parameters, transaction);
                continue;
            }

            using var copy = connection.BeginRawBinaryCopy(step.Sql);
            try
            {
                foreach (var (buffer, length) in step.Segments)
                {
                    copy.Write(buffer, 0, length);
                }
            }
            catch
            {
                Cancel(copy);
                throw;
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        foreach (var step in steps)
        {
            if (step.Segments is not null)
            {
                Return(step.Segments);
            }
        }

        steps.Clear();
    }

    internal static void Return(List<(byte[] Buffer, int Length)> segments)
    {
        foreach (var (buffer, _) in segments)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        segments.Clear();
    }

    private static void Cancel(NpgsqlRawCopyStream copy)
    {
        try
        {
            copy.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // The connection is broken; the transaction is rolled back with it.
        }
    }

    private sealed record Step(string Sql, object? Parameters, List<(byte[] Buffer, int Length)>? Segments);
}

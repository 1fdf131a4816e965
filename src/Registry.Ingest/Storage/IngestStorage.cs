using Npgsql;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Storage;

/// <summary>
/// The registry database as the pipeline sees it: files are recorded, and a processable file is
/// stored in one transaction (<see cref="IngestSession"/>), so a crash or a dropped connection
/// mid-file leaves nothing behind and running the file again gives the same result as one clean
/// run. Files are stored one at a time across all workers (an advisory lock), which keeps
/// patient and vaccination matching free of races.
/// </summary>
internal sealed class IngestStorage(string connectionString, DatabaseOptions options, ValidationPolicy policy, TimeProvider time)
{
    private Task<NpgsqlConnection>? connectingAhead;

    /// <summary>
    /// Starts opening the connection the first file will use, in the background, so that
    /// connecting (TCP, authentication, Npgsql's type loading: some 50-100 ms) overlaps loading
    /// the code tables and reading the file's first bytes instead of following them. For
    /// <c>ingest</c>, which uses it at once; not for the worker, whose first file may come hours
    /// later to a connection the network has dropped since. A failure is the first file's: it is
    /// thrown there as it happened, not tried a second time (a server that is down would be
    /// waited for twice, a wrong password sent twice).
    /// </summary>
    public void ConnectAhead() => connectingAhead = Task.Run(Open);

    public void RecordRejected(ReceivedFile file, string reportText)
    {
        using var connection = TakeAheadOrOpen();
        using var transaction = connection.BeginTransaction();
        SubmissionFileWriter.Insert(connection, transaction, file, "rejected", reportText: reportText);
        transaction.Commit();
    }

    public IngestSession Begin(ReceivedFile file) => IngestSession.Begin(TakeAheadOrOpen(), file, options, policy, time);

    private NpgsqlConnection TakeAheadOrOpen() =>
        Interlocked.Exchange(ref connectingAhead, null) is { } ahead ? ahead.GetAwaiter().GetResult() : Open();

    private NpgsqlConnection Open()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = options.CommandTimeoutSeconds };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}

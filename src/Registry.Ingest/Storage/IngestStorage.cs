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
    public void RecordRejected(ReceivedFile file, string reportText)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        SubmissionFileWriter.Insert(connection, transaction, file, "rejected", reportText: reportText);
        transaction.Commit();
    }

    public IngestSession Begin(ReceivedFile file) => IngestSession.Begin(Open(), file, options, policy, time);

    private NpgsqlConnection Open()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = options.CommandTimeoutSeconds };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}

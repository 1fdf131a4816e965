using Npgsql;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// Stops the worker at an exact step of a file without guessing at timing. The worker records each
/// step with an UPDATE of the file's registry.drop_file row; while the gate holds that row locked
/// (SELECT … FOR UPDATE in an open transaction), the worker blocks on its next step's UPDATE, with
/// everything before it done. <see cref="Pass"/> lets exactly one UPDATE through: the worker is
/// suspended (SIGSTOP), the lock released, the update seen committed, the row locked again, and the
/// worker resumed, so it runs on to the UPDATE after and blocks there.
/// </summary>
internal sealed class DropFileGate : IDisposable
{
    private readonly RegistryDatabase database;
    private readonly string name;
    private NpgsqlConnection? connection;
    private NpgsqlTransaction? transaction;

    private DropFileGate(RegistryDatabase database, string name)
    {
        this.database = database;
        this.name = name;
        Step = Lock();
    }

    /// <summary>The step recorded when the gate last closed.</summary>
    public string Step { get; private set; }

    /// <summary>Locks the open drop_file row of <paramref name="name"/>, which must exist.</summary>
    public static DropFileGate Close(RegistryDatabase database, string name) => new(database, name);

    /// <summary>Waits until the worker is blocked on the gate (its backend waits for the row lock).</summary>
    public void WaitUntilBlocked(WorkerProcess worker) =>
        Eventually.Until(
            () => database.WorkerBackendsWaitingForLock() > 0,
            $"the worker is blocked on {name} at step {Step}",
            worker: worker);

    /// <summary>Lets the worker's blocked step through and closes the gate before its next one.</summary>
    public void Pass(WorkerProcess worker)
    {
        string before = Step;
        worker.Suspend();
        try
        {
            Release();
            Eventually.Until(() => database.OpenStep(name) != before, $"{name} moves on from step {before}");
            Step = Lock();
        }
        finally
        {
            worker.Resume();
        }

        WaitUntilBlocked(worker);
    }

    public void Dispose() => Release();

    private string Lock()
    {
        connection = new NpgsqlConnection(database.OwnerConnectionString);
        connection.Open();
        transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand("SELECT step FROM registry.drop_file WHERE name = @name AND step <> 'done' FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException($"{name} has no open drop_file row to lock.");
    }

    private void Release()
    {
        transaction?.Commit();
        transaction?.Dispose();
        connection?.Dispose();
        transaction = null;
        connection = null;
    }
}

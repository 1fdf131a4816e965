namespace Registry.Ingest.Tests.Support;

/// <summary>
/// The test run's own PostgreSQL 15 cluster, started on first use by deploy/postgres/pg-private.sh
/// (which installs PostgreSQL when missing) in a folder under /tmp, and stopped when the run ends.
/// Set REGISTRY_INGEST_TEST_POSTGRES_DIR to use a cluster folder of your own instead; it is started
/// if needed and left running.
/// </summary>
internal sealed class PostgresServer
{
    public const string DirectoryVariable = "REGISTRY_INGEST_TEST_POSTGRES_DIR";

    // A folder name carries the test process id, so a later run can tell the folders of dead runs.
    // Kept short: the socket path inside it must fit in 107 bytes.
    private const string FolderPrefix = "registry-ingest-pg-";

    private static readonly PrivateServerRun Run = new(["deploy", "postgres", "pg-private.sh"], DirectoryVariable, FolderPrefix, "cluster");
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string directory, IReadOnlyDictionary<string, string> env)
    {
        Directory = directory;
        Port = int.Parse(env["REGISTRY_PG_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        OwnerConnectionString = env["REGISTRY_PG_OWNER_CONNECTION"];
        AppConnectionString = env["REGISTRY_PG_APP_CONNECTION"];
        AdminConnectionString = env["REGISTRY_PG_ADMIN_CONNECTION"];
    }

    /// <summary>The cluster folder: data/, sock/, postgres.log, the password files and env.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>registry_owner on database registry, over TCP with its password.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>registry_app on database registry, over TCP with its password.</summary>
    public string AppConnectionString { get; }

    /// <summary>The superuser postgres on database postgres, over the cluster's private unix socket.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The run's cluster, started by the first caller; later callers wait for the same start.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Stops the cluster this run started (even half started) and deletes its folder.</summary>
    public static void StopIfStarted() => Run.StopIfStarted();

    private static async Task<PostgresServer> StartAsync()
    {
        var (directory, env) = await Run.StartAsync().ConfigureAwait(false);
        return new PostgresServer(directory, env);
    }
}

using System.ComponentModel.DataAnnotations;

namespace Registry.Ingest.Storage;

/// <summary>
/// The <c>Database</c> section. The connection string itself is <c>ConnectionStrings:Registry</c>
/// (the worker's role: data only) and <c>ConnectionStrings:RegistryOwner</c> (the schema owner, for
/// <c>migrate</c>), overridable as <c>ConnectionStrings__Registry</c>. Passwords come from the
/// environment or a password file, never from appsettings.json.
/// </summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Role granted data access by <c>migrate</c>: the one the worker connects as.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AppRole { get; set; } = "registry_app";

    /// <summary>Apply pending migrations when the worker starts (needs the owner connection).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>Messages per bulk write inside a file's transaction.</summary>
    [Range(1, 100_000)]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>File holding the worker role's password, used when ConnectionStrings:Registry has none.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>File holding the owner role's password, used when ConnectionStrings:RegistryOwner has none.</summary>
    public string? OwnerPasswordFile { get; set; }

    /// <summary>
    /// Seconds a file's transaction may sit idle before the server ends it. A worker whose machine
    /// or network is lost mid-file cannot roll back; the server would otherwise keep its
    /// transaction, and the ingest lock every worker waits on, until TCP gives up (hours).
    /// </summary>
    [Range(1, 86_400)]
    public int StalledFileTimeoutSeconds { get; set; } = 600;

    /// <summary>Seconds a statement may run before it is cancelled (0: no limit).</summary>
    [Range(0, 86_400)]
    public int CommandTimeoutSeconds { get; set; } = 300;
}

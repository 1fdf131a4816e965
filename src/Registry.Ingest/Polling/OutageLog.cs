using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Polling;

/// <summary>
/// Logs an outage of the database, the drop folder or the local work folder once when it starts and once when it ends,
/// not on every poll in between (those go to Debug).
/// </summary>
internal sealed class OutageLog(ILogger log, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> down = new(StringComparer.Ordinal);

    public bool IsDown(string resource) => down.ContainsKey(resource);

    public void Failed(string resource, Exception e)
    {
        var error = Describe(e);
        if (down.TryAdd(resource, time.GetUtcNow()))
        {
            log.LogError("{Resource} unavailable: {Error}. Files wait in the drop folder and are retried every poll; this is logged again only when it is back",
                resource, error);
        }
        else
        {
            log.LogDebug("{Resource} still unavailable: {Error}", resource, error);
        }
    }

    /// <summary>One line, with the fix when the cause is known: a server error's own text, not its multi-line detail.</summary>
    private static string Describe(Exception e) => e switch
    {
        Npgsql.PostgresException { SqlState: "42P01" or "3F000" } p =>
            $"{p.SqlState}: {p.MessageText} - the registry schema is missing or older than this program: run 'registry-ingest migrate' as the schema owner (or set Database:MigrateOnStart)",
        Npgsql.PostgresException { SqlState: "28P01" or "28000" } p =>
            $"{p.SqlState}: {p.MessageText} - the server refuses this login, which waiting will not mend: check the user and password of ConnectionStrings:Registry (or the file Database:PasswordFile names) and the server's pg_hba.conf",
        Npgsql.PostgresException { SqlState: "3D000" } p =>
            $"{p.SqlState}: {p.MessageText} - check the Database of ConnectionStrings:Registry",
        Npgsql.PostgresException p => $"{p.SqlState}: {p.MessageText}",
        _ => e.Message.ReplaceLineEndings(" "),
    };

    /// <summary>Notes the resource works; true when that ends an outage.</summary>
    public bool Succeeded(string resource)
    {
        if (down.Remove(resource, out var since))
        {
            log.LogInformation("{Resource} available again after {Duration}", resource, time.GetUtcNow() - since);
            return true;
        }

        return false;
    }
}

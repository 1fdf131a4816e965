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
        if (down.TryAdd(resource, time.GetUtcNow()))
        {
            log.LogError("{Resource} unavailable: {Error}. Files wait in the drop folder and are retried every poll; this is logged again only when it is back",
                resource, e.Message);
        }
        else
        {
            log.LogDebug("{Resource} still unavailable: {Error}", resource, e.Message);
        }
    }

    public void Succeeded(string resource)
    {
        if (down.Remove(resource, out var since))
        {
            log.LogInformation("{Resource} available again after {Duration}", resource, time.GetUtcNow() - since);
        }
    }
}

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The control ids (MSH-10) of a file's messages so far, to tell a message that repeats one: its
/// ACK could not be told from the other's. Kept as 64-bit digests of the last
/// <see cref="Window"/> ids, so a file of any size costs at most a few MB; an EHR's counter that
/// restarts, or one id for every message, shows within that.
/// </summary>
internal sealed class ControlIdHistory
{
    public const int Window = 65_536;

    private readonly Dictionary<ulong, int> numbers = [];
    private readonly Queue<ulong> order = new();

    /// <summary>The number of the earlier message of the window with this control id, or null; records this one.</summary>
    public int? Earlier(string controlId, int number)
    {
        if (string.IsNullOrWhiteSpace(controlId))
        {
            return null;
        }

        ulong digest = Digest(controlId);
        if (numbers.TryGetValue(digest, out int earlier))
        {
            return earlier;
        }

        if (order.Count == Window)
        {
            numbers.Remove(order.Dequeue());
        }

        numbers[digest] = number;
        order.Enqueue(digest);
        return null;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable, and two ids of a window share one by chance about once in 10^10 files.</summary>
    private static ulong Digest(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

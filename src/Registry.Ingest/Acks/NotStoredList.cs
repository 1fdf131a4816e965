namespace Registry.Ingest.Acks;

/// <summary>
/// The messages of a file that were not stored in full (rejected, accepted in part, or test and
/// debug messages, which are never stored), by their headline, for the report's summary: in a
/// file of thousands of messages with the same warnings, these are the few a clinic must find
/// first. The first <see cref="Listed"/> are kept, the rest only counted, so memory stays flat.
/// </summary>
internal sealed class NotStoredList
{
    public const int Listed = 100;

    private readonly List<string> headlines = [];

    public IReadOnlyList<string> Headlines => headlines;

    public int Count { get; private set; }

    /// <summary>Whether a message with this result and MSH-11 belongs in the list.</summary>
    public static bool Belongs(Immunization.Vxu.MessageResult result, string processingId) =>
        !result.Stored || result.VaccinationsDropped > 0 || result.HasErrors || processingId is "T" or "D";

    public void Add(string headline)
    {
        Count++;
        if (headlines.Count < Listed)
        {
            headlines.Add(headline);
        }
    }
}

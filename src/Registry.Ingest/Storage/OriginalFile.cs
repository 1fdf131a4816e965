namespace Registry.Ingest.Storage;

/// <summary>The processed file an incoming duplicate repeats, with the outcome it had.</summary>
internal sealed record OriginalFile(
    long Id,
    string FileName,
    DateTime ReceivedAt,
    string? AckText,
    int MessagesRead,
    int AckAa,
    int AckAe,
    int AckAr,
    int VaccinationsAccepted,
    int VaccinationsDropped);

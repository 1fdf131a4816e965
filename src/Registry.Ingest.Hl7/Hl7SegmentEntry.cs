namespace Registry.Ingest.Hl7;

/// <summary>
/// Where one segment sits in the message text, and where its field separators are: positions
/// <c>FirstSeparator .. FirstSeparator + SeparatorCount - 1</c> of the message's separator table,
/// relative to <see cref="Start"/>. Finding field n is then a lookup, not a scan.
/// </summary>
internal readonly record struct Hl7SegmentEntry(string Id, int Start, int Length, int Line, int Sequence, int FirstSeparator, int SeparatorCount);

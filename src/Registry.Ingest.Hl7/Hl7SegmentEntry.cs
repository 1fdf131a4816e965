namespace Registry.Ingest.Hl7;

/// <summary>Where one segment sits in the message text.</summary>
internal readonly record struct Hl7SegmentEntry(string Id, int Start, int Length, int Line, int Sequence);

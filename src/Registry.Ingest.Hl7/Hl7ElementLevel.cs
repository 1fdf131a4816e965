namespace Registry.Ingest.Hl7;

/// <summary>How far an element has been split.</summary>
internal enum Hl7ElementLevel : byte
{
    /// <summary>MSH-1 and MSH-2: their characters are delimiters, never split.</summary>
    Literal,
    Field,
    Repetition,
    Component,
    SubComponent,
}

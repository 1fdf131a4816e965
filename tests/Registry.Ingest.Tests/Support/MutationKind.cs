namespace Registry.Ingest.Tests.Support;

internal enum MutationKind
{
    Delete,
    Duplicate,
    Swap,
    Insert,
    Truncate,

    /// <summary>Replace one byte (with a byte that makes the text invalid UTF-8).</summary>
    Overwrite,

    /// <summary>Replace the continuation byte of the next non-ASCII character, leaving an invalid sequence.</summary>
    BreakMultiByteCharacter,
}

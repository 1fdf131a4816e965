namespace Registry.Ingest.Tests.Support;

/// <summary>How a sequence of messages reaches storage: the outcome must not depend on it.</summary>
internal enum Delivery
{
    /// <summary>One file per message.</summary>
    SeparateFiles,

    /// <summary>All in one file, written in one chunk.</summary>
    OneChunk,

    /// <summary>All in one file, one message per chunk (Database:ChunkSize 1).</summary>
    ChunkPerMessage,
}

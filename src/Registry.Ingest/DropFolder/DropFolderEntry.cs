namespace Registry.Ingest.DropFolder;

/// <summary>One file of a drop folder listing.</summary>
internal sealed record DropFolderEntry(string Name, long Size, DateTimeOffset LastWriteTime);

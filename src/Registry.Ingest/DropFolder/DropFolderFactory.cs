using Registry.Ingest.DropFolder.Local;

namespace Registry.Ingest.DropFolder;

/// <summary>The configured drop folder implementation.</summary>
internal static class DropFolderFactory
{
    public static IDropFolder Create(DropFolderOptions options) => options.Kind switch
    {
        DropFolderKind.Local => new LocalDropFolder(options.Path),
        // The native SFTP client is built separately; until it is merged, say so at start.
        DropFolderKind.Sftp => throw new InvalidOperationException($"{DropFolderOptions.Section}:Kind: Sftp is not available in this build yet; use Local."),
        _ => throw new InvalidOperationException($"{DropFolderOptions.Section}:Kind: '{options.Kind}' is not Local or Sftp."),
    };
}

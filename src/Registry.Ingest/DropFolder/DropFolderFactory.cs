using Microsoft.Extensions.Configuration;
using Registry.Ingest.DropFolder.Local;
using Registry.Ingest.DropFolder.Sftp;

namespace Registry.Ingest.DropFolder;

/// <summary>The configured drop folder implementation; a bad SFTP setting fails here, at start, naming its key.</summary>
internal static class DropFolderFactory
{
    public static IDropFolder Create(DropFolderOptions options, IConfiguration configuration, TimeProvider time) => options.Kind switch
    {
        DropFolderKind.Local => new LocalDropFolder(options.Path),
        DropFolderKind.Sftp => new SftpDropFolder(
            SftpSettings.ToConnectionOptions(configuration, options.Sftp),
            options.Path,
            time,
            TimeSpan.FromSeconds(options.Sftp.MaxBackoffSeconds)),
        _ => throw new InvalidOperationException($"{DropFolderOptions.Section}:Kind: '{options.Kind}' is not Local or Sftp."),
    };
}

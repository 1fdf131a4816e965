using System.Runtime.CompilerServices;

namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>
/// A fresh folder inside the drop folder (whose name has spaces), one per test. The server runs on
/// this machine, so the same absolute path is both the SFTP path and a local one to check against.
/// </summary>
internal sealed class RemoteFolder : IDisposable
{
    private RemoteFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public static async Task<RemoteFolder> ForCallerAsync([CallerMemberName] string caller = "")
    {
        SshServer server = await SshServer.GetAsync();
        return new RemoteFolder(System.IO.Path.Combine(server.DropFolder, $"{caller} {Guid.NewGuid():N}"));
    }

    public string Combine(string name) => $"{Path}/{name}";

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

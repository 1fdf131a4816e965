using Registry.Ingest.DropFolder.Sftp;
using Registry.Ingest.Sftp;
using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// SFTP drop folders on the run's private sshd. It runs on this machine and logs the test user in
/// with a key, so any local folder of the test is also an SFTP path: tests arrange and check files
/// locally and let the worker see them over SFTP.
/// </summary>
internal static class SftpFolders
{
    public static SshServer Server => SshServer.GetAsync().GetAwaiter().GetResult();

    public static SftpConnectionOptions Options(string? hostKeySha256 = null, int? port = null) => new()
    {
        Host = Server.Host,
        Port = port ?? Server.Port,
        UserName = Server.UserName,
        PrivateKeyPath = Server.Ed25519KeyPath,
        KnownHostsPath = hostKeySha256 is null ? Server.KnownHostsPath : null,
        HostKeySha256 = hostKeySha256,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        OperationTimeout = TimeSpan.FromSeconds(20),
    };

    public static SftpDropFolder Open(string path, TimeProvider? time = null, SftpConnectionOptions? options = null) =>
        new(options ?? Options(), path, time ?? TimeProvider.System, TimeSpan.FromSeconds(60));

    /// <summary>Environment for the real program: key login, host key pinned, the folder at <paramref name="path"/>.</summary>
    public static Dictionary<string, string> Environment(string path, string? hostKeySha256 = null) => new()
    {
        ["DropFolder__Kind"] = "Sftp",
        ["DropFolder__Path"] = path,
        ["DropFolder__Sftp__Host"] = Server.Host,
        ["DropFolder__Sftp__Port"] = Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DropFolder__Sftp__UserName"] = Server.UserName,
        ["DropFolder__Sftp__PrivateKeyPath"] = Server.Ed25519KeyPath,
        ["DropFolder__Sftp__HostKeySha256"] = hostKeySha256 ?? Server.Fingerprint,
        ["DropFolder__Sftp__ConnectTimeoutSeconds"] = "5",
    };
}

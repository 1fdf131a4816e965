using System.Security.Cryptography;

namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>known_hosts files and fingerprints made from the private server's key files.</summary>
internal static class KnownHostsFiles
{
    /// <summary>A known_hosts file for the server's host and port with the given lines' keys.</summary>
    public static string Write(string folder, string name, params string[] lines)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>"[127.0.0.1]:PORT TYPE BASE64" for the key in an OpenSSH .pub file.</summary>
    public static string Line(SshServer server, int port, string publicKeyFile)
    {
        string[] fields = File.ReadAllText(publicKeyFile).Split(' ');
        return $"[{server.Host}]:{port} {fields[0]} {fields[1]}";
    }

    /// <summary>The SHA256 fingerprint of an OpenSSH .pub file, computed here, independently of libssh.</summary>
    public static string FingerprintOf(string publicKeyFile)
    {
        byte[] blob = Convert.FromBase64String(File.ReadAllText(publicKeyFile).Split(' ')[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}

using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>Reads the server's host key fingerprint after the handshake and decides whether to trust it.</summary>
internal static class HostKeyCheck
{
    public static string ReadFingerprint(SshSessionHandle ssh, string endpoint)
    {
        if (LibSsh.GetServerPublicKey(ssh, out SshKeyHandle key) != LibSsh.Ok)
        {
            key.Dispose();
            throw Fail(SftpErrorKind.ConnectionFailed, $"Could not read the host key of {endpoint}: {LibSsh.LastError(ssh)}.", ssh);
        }

        using (key)
        {
            if (LibSsh.GetPublicKeyHash(key, LibSsh.PublicKeyHashSha256, out nint hash, out nuint length) != LibSsh.Ok)
            {
                throw Fail(SftpErrorKind.ConnectionFailed, $"Could not hash the host key of {endpoint}.", ssh);
            }

            try
            {
                nint text = LibSsh.GetFingerprintHash(LibSsh.PublicKeyHashSha256, hash, length);
                try
                {
                    return Marshal.PtrToStringUTF8(text)
                        ?? throw Fail(SftpErrorKind.ConnectionFailed, $"Could not format the host key fingerprint of {endpoint}.", ssh);
                }
                finally
                {
                    LibSsh.StringFreeChar(text);
                }
            }
            finally
            {
                LibSsh.CleanPublicKeyHash(ref hash);
            }
        }
    }

    /// <summary>Throws unless the key seen is the pinned one or listed for this host and port in known_hosts.</summary>
    public static void Verify(SshSessionHandle ssh, SftpConnectionOptions options, string endpoint, string seen)
    {
        if (options.HostKeySha256 is { } pinned)
        {
            if (!string.Equals(Unpadded(seen), Unpadded(pinned), StringComparison.Ordinal))
            {
                throw Fail(SftpErrorKind.HostKeyChanged,
                    $"The host key of {endpoint}, {seen}, does not match the pinned fingerprint {pinned}: the server's key changed, or something is intercepting the connection.",
                    ssh);
            }

            return;
        }

        string file = options.KnownHostsPath!;
        var result = LibSsh.SessionIsKnownServer(ssh);
        if (result is KnownHostsResult.Unknown or KnownHostsResult.FileNotFound && Unreadable(file) is { } why)
        {
            // libssh reads a file it may not open as an empty one: "not in known_hosts" would send
            // the operator to add a key that is there.
            throw Fail(SftpErrorKind.HostKeyUnknown, $"The server's host key {seen} cannot be checked: known_hosts file {file} {why}", ssh);
        }

        switch (result)
        {
            case KnownHostsResult.Ok:
                return;
            case KnownHostsResult.Unknown:
                throw Fail(SftpErrorKind.HostKeyUnknown,
                    $"The server's host key {seen} is not in known_hosts file {file} for {endpoint}. Confirm the fingerprint with the server's administrator, then add the key (ssh-keyscan).",
                    ssh);
            case KnownHostsResult.FileNotFound:
                throw Fail(SftpErrorKind.HostKeyUnknown,
                    $"The server's host key {seen} cannot be checked: known_hosts file {file} does not exist.",
                    ssh);
            case KnownHostsResult.Changed:
                throw Fail(SftpErrorKind.HostKeyChanged,
                    $"The host key of {endpoint}, {seen}, does not match the key known_hosts file {file} lists for it: the server's key changed, or something is intercepting the connection.",
                    ssh);
            case KnownHostsResult.OtherType:
                throw Fail(SftpErrorKind.HostKeyChanged,
                    $"The host key of {endpoint}, {seen}, is of another type than the key known_hosts file {file} lists for it: the server's key changed, or something is intercepting the connection.",
                    ssh);
            default:
                throw Fail(SftpErrorKind.HostKeyUnknown,
                    $"The server's host key {seen} could not be checked against known_hosts file {file}: {LibSsh.LastError(ssh)}.",
                    ssh);
        }
    }

    /// <summary>Why the file cannot be opened for reading when it exists but is not readable; null otherwise.</summary>
    private static string? Unreadable(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(file))
        {
            return "is a folder, not a file.";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"cannot be read by this account ({Environment.UserName}): {e.Message} Give the account read access to it (and to the folders above it).";
        }
        catch (IOException)
        {
            return null; // missing: said as such
        }
    }

    // ssh-keygen prints SHA256 fingerprints without base64 padding; accept a padded pin as well.
    private static string Unpadded(string fingerprint) => fingerprint.TrimEnd('=');

    private static SftpException Fail(SftpErrorKind kind, string message, SshSessionHandle ssh) =>
        new(kind, "connect", null, message, nativeMessage: LibSsh.LastError(ssh));
}

namespace Registry.Ingest.Sftp;

/// <summary>What went wrong, in the terms a caller decides on (retry, alert, skip the file).</summary>
public enum SftpErrorKind
{
    /// <summary>No TCP connection or no SSH handshake: refused, unreachable, name not found, protocol error.</summary>
    ConnectionFailed,

    /// <summary>The server did not answer within the connect or operation timeout.</summary>
    Timeout,

    /// <summary>The connection broke after it was established.</summary>
    ConnectionLost,

    /// <summary>The server refused the password or key.</summary>
    AuthenticationFailed,

    /// <summary>The private key file is missing, unreadable, not a key, or the passphrase is wrong.</summary>
    PrivateKeyUnreadable,

    /// <summary>The server's host key is not in known_hosts (or known_hosts does not exist).</summary>
    HostKeyUnknown,

    /// <summary>The server's host key differs from known_hosts or from the pinned fingerprint.</summary>
    HostKeyChanged,

    NoSuchFile,
    PermissionDenied,
    AlreadyExists,

    /// <summary>Any other refusal by the server (SFTP's generic SSH_FX_FAILURE, e.g. renaming onto an existing file).</summary>
    Failure,
}

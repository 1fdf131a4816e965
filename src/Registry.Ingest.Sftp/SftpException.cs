namespace Registry.Ingest.Sftp;

/// <summary>
/// A failed SFTP or SSH operation. The message names the operation, the path and what the server
/// or libssh said; it never contains a password or passphrase.
/// </summary>
public sealed class SftpException : IOException
{
    public SftpException()
    {
    }

    public SftpException(string message)
        : base(message)
    {
    }

    public SftpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SftpException(SftpErrorKind kind, string operation, string? path, string message, int? sftpStatus = null, string? nativeMessage = null)
        : base(message)
    {
        Kind = kind;
        Operation = operation;
        Path = path;
        SftpStatus = sftpStatus;
        NativeMessage = nativeMessage;
    }

    public SftpErrorKind Kind { get; } = SftpErrorKind.Failure;

    /// <summary>What was being done: "connect", "authenticate", "list", "open", "read", "rename", ….</summary>
    public string Operation { get; } = "";

    /// <summary>The remote path concerned (for a rename, the source), or null for connection errors.</summary>
    public string? Path { get; }

    /// <summary>The SFTP status code (SSH_FX_*) the server returned, when it returned one.</summary>
    public int? SftpStatus { get; }

    /// <summary>libssh's own error text, as it was when the operation failed.</summary>
    public string? NativeMessage { get; }
}

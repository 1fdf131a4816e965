namespace Registry.Ingest.Sftp.Native;

/// <summary>SFTP status codes (<c>SSH_FX_*</c>), as <c>sftp_get_error</c> returns them.</summary>
internal static class SftpStatus
{
    public const int Ok = 0;
    public const int Eof = 1;
    public const int NoSuchFile = 2;
    public const int PermissionDenied = 3;
    public const int Failure = 4;
    public const int BadMessage = 5;
    public const int NoConnection = 6;
    public const int ConnectionLost = 7;
    public const int OperationUnsupported = 8;
    public const int InvalidHandle = 9;
    public const int NoSuchPath = 10;
    public const int FileAlreadyExists = 11;
    public const int WriteProtect = 12;
    public const int NoMedia = 13;

    public static string Name(int status) => status switch
    {
        Ok => "SSH_FX_OK",
        Eof => "SSH_FX_EOF",
        NoSuchFile => "SSH_FX_NO_SUCH_FILE",
        PermissionDenied => "SSH_FX_PERMISSION_DENIED",
        Failure => "SSH_FX_FAILURE",
        BadMessage => "SSH_FX_BAD_MESSAGE",
        NoConnection => "SSH_FX_NO_CONNECTION",
        ConnectionLost => "SSH_FX_CONNECTION_LOST",
        OperationUnsupported => "SSH_FX_OP_UNSUPPORTED",
        InvalidHandle => "SSH_FX_INVALID_HANDLE",
        NoSuchPath => "SSH_FX_NO_SUCH_PATH",
        FileAlreadyExists => "SSH_FX_FILE_ALREADY_EXISTS",
        WriteProtect => "SSH_FX_WRITE_PROTECT",
        NoMedia => "SSH_FX_NO_MEDIA",
        _ => "SSH_FX_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

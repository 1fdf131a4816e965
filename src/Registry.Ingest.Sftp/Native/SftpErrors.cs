using System.Diagnostics;

namespace Registry.Ingest.Sftp.Native;

/// <summary>Turns the error state libssh left behind into one <see cref="SftpException"/>.</summary>
internal static class SftpErrors
{
    /// <summary>
    /// After a failed SFTP call. A server refusal carries an SFTP status (libssh records it as
    /// SSH_REQUEST_DENIED with the server's text); a broken or silent connection is SSH_FATAL, and
    /// libssh's status field may then still hold an older operation's code, so it is not read.
    /// </summary>
    public static SftpException FromSftpCall(
        SshSessionHandle ssh, SftpSessionHandle sftp, OperationWatchdog watchdog, string operation, string path, string? target, long startTimestamp)
    {
        string native = LibSsh.LastError(ssh);
        string what = target is null ? $"'{path}'" : $"'{path}' to '{target}'";
        TimeSpan timeout = watchdog.Timeout;
        if (watchdog.Fired || LibSsh.GetErrorCode(ssh) == LibSsh.Fatal)
        {
            bool timedOut = watchdog.Fired || LooksLikeTimeout(native, startTimestamp, timeout);
            return new SftpException(
                timedOut ? SftpErrorKind.Timeout : SftpErrorKind.ConnectionLost,
                operation,
                path,
                timedOut
                    ? $"SFTP {operation} of {what}: no answer from the server within {timeout.TotalSeconds:0.###} s ({native})."
                    : $"SFTP {operation} of {what}: the connection was lost ({native}).",
                nativeMessage: native);
        }

        int status = LibSsh.SftpGetError(sftp);
        return new SftpException(
            KindOf(status),
            operation,
            path,
            $"SFTP {operation} of {what} failed: {native} ({SftpStatus.Name(status)}).",
            status,
            native);
    }

    public static SftpErrorKind KindOf(int status) => status switch
    {
        SftpStatus.NoSuchFile or SftpStatus.NoSuchPath => SftpErrorKind.NoSuchFile,
        SftpStatus.PermissionDenied or SftpStatus.WriteProtect => SftpErrorKind.PermissionDenied,
        SftpStatus.FileAlreadyExists => SftpErrorKind.AlreadyExists,
        SftpStatus.NoConnection or SftpStatus.ConnectionLost => SftpErrorKind.ConnectionLost,
        _ => SftpErrorKind.Failure,
    };

    /// <summary>
    /// libssh has no error code for a timeout, only texts ("Timeout connecting to …"); the elapsed
    /// time is the reliable sign, the text a second one.
    /// </summary>
    public static bool LooksLikeTimeout(string native, long startTimestamp, TimeSpan timeout) =>
        Stopwatch.GetElapsedTime(startTimestamp) >= timeout * 0.95
        || native.Contains("timeout", StringComparison.OrdinalIgnoreCase)
        || native.Contains("timed out", StringComparison.OrdinalIgnoreCase);
}

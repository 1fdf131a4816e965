using System.Buffers;
using System.Diagnostics;
using Registry.Ingest.Sftp.Native;

namespace Registry.Ingest.Sftp;

/// <summary>
/// One authenticated SFTP connection over libssh 0.10. Not thread-safe: libssh sessions are not,
/// so one client is used by one thread at a time (open one client per worker). A stream from
/// <see cref="OpenRead"/> uses the connection too: finish or dispose it before the next call.
/// Every failure is an <see cref="SftpException"/> with a <see cref="SftpErrorKind"/>.
/// </summary>
public sealed class SftpClient : IDisposable
{
    // OpenSSH's sftp-server accepts messages up to 256 KiB; 64 KiB writes stay well inside that.
    private const int WriteChunkSize = 64 * 1024;
    private const uint NewFileMode = 0x1A4;       // 0644
    private const uint NewDirectoryMode = 0x1ED;  // 0755

    private readonly SshSessionHandle ssh;
    private readonly SftpSessionHandle sftp;
    private readonly OperationWatchdog watchdog;
    private bool disposed;

    private SftpClient(SshSessionHandle ssh, SftpSessionHandle sftp, string fingerprint, OperationWatchdog watchdog)
    {
        this.ssh = ssh;
        this.sftp = sftp;
        HostKeyFingerprint = fingerprint;
        this.watchdog = watchdog;
    }

    /// <summary>The server's host key fingerprint as seen and verified, e.g. <c>SHA256:R83fz…</c>.</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>Connects, checks the host key, logs in and starts the SFTP subsystem.</summary>
    public static SftpClient Connect(SftpConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (SshSessionHandle ssh, string fingerprint, OperationWatchdog watchdog) = SshConnector.Open(options);
        SftpSessionHandle? sftp = null;
        try
        {
            sftp = LibSsh.SftpNew(ssh);
            if (sftp.IsInvalid)
            {
                throw SubsystemFailure(ssh, options, watchdog);
            }

            sftp.KeepAlive(ssh);
            int initialized;
            using (watchdog.Arm())
            {
                initialized = LibSsh.SftpInit(sftp);
            }

            if (initialized != LibSsh.Ok)
            {
                throw SubsystemFailure(ssh, options, watchdog);
            }

            watchdog.SetTimeout(options.OperationTimeout);
            return new SftpClient(ssh, sftp, fingerprint, watchdog);
        }
        catch
        {
            watchdog.Dispose();
            sftp?.Dispose();
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>The entries of a folder, in the server's order, without <c>.</c> and <c>..</c>.</summary>
    public IReadOnlyList<SftpEntry> List(string directory)
    {
        ThrowIfUnusable(directory);
        long start = Stopwatch.GetTimestamp();
        using SftpDirHandle dir = Guarded(() => LibSsh.SftpOpenDir(sftp, directory));
        if (dir.IsInvalid)
        {
            throw Failure("list", directory, start);
        }

        dir.KeepAlive(sftp);
        var entries = new List<SftpEntry>();
        while (true)
        {
            using SftpAttributesHandle attributes = Guarded(() => LibSsh.SftpReadDir(sftp, dir));
            if (attributes.IsInvalid)
            {
                break;
            }

            SftpEntry entry = SftpAttributesReader.ToEntry(attributes, null);
            if (entry.Name is not ("." or ".."))
            {
                entries.Add(entry);
            }
        }

        // sftp_readdir returns NULL both at the end and on an error; only the end sets eof.
        if (LibSsh.SftpDirEof(dir) == 0)
        {
            throw Failure("list", directory, start);
        }

        return entries;
    }

    /// <summary>The file or folder at <paramref name="path"/> (links followed), or null when there is none.</summary>
    public SftpEntry? Stat(string path) => Attributes("stat", path, LibSsh.SftpStat);

    /// <summary>
    /// The file, folder or link at <paramref name="path"/> itself (a link is not followed: its kind
    /// is <see cref="SftpEntryKind.Other"/>), or null when there is none.
    /// </summary>
    public SftpEntry? LinkStat(string path) => Attributes("lstat", path, LibSsh.SftpLstat);

    private SftpEntry? Attributes(string operation, string path, Func<SftpSessionHandle, string, SftpAttributesHandle> call)
    {
        ThrowIfUnusable(path);
        long start = Stopwatch.GetTimestamp();
        using SftpAttributesHandle attributes = Guarded(() => call(sftp, path));
        if (attributes.IsInvalid)
        {
            SftpException failure = Failure(operation, path, start);
            return failure.Kind == SftpErrorKind.NoSuchFile ? null : throw failure;
        }

        return SftpAttributesReader.ToEntry(attributes, LastSegment(path));
    }

    public bool Exists(string path) => Stat(path) is not null;

    /// <summary>
    /// A forward-only stream over the remote file, from byte <paramref name="offset"/> on. Several
    /// reads are kept in flight, so a download is not one round trip per block. Dispose it before
    /// using the client again.
    /// </summary>
    public Stream OpenRead(string path, long offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ThrowIfUnusable(path);
        long start = Stopwatch.GetTimestamp();
        SftpFileHandle file = Guarded(() => LibSsh.SftpOpen(sftp, path, LibSsh.OpenReadOnly, 0));
        if (file.IsInvalid)
        {
            file.Dispose();
            throw Failure("open", path, start);
        }

        file.KeepAlive(sftp);
        if (offset > 0 && LibSsh.SftpSeek64(file, (ulong)offset) < 0)
        {
            file.Dispose();
            throw Failure("seek", path, start);
        }

        return new SftpReadStream(this, file, path, offset);
    }

    /// <summary>
    /// Writes <paramref name="content"/> (from its current position) to <paramref name="path"/>,
    /// replacing a file there. On failure the remote file may be left partly written: upload under
    /// a temporary name and <see cref="Rename"/> it when complete.
    /// </summary>
    public void Upload(Stream content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfUnusable(path);
        long start = Stopwatch.GetTimestamp();
        SftpFileHandle file = Guarded(() => LibSsh.SftpOpen(sftp, path, LibSsh.OpenWriteCreateTruncate, NewFileMode));
        if (file.IsInvalid)
        {
            file.Dispose();
            throw Failure("create", path, start);
        }

        file.KeepAlive(sftp);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(WriteChunkSize);
        try
        {
            int read;
            while ((read = content.Read(buffer, 0, WriteChunkSize)) > 0)
            {
                WriteAll(file, buffer.AsSpan(0, read), path);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The server reports some write failures only when the file is closed.
        start = Stopwatch.GetTimestamp();
        using (watchdog.Arm())
        {
            file.Dispose();
        }

        if (file.CloseResult != LibSsh.Ok)
        {
            throw Failure("close", path, start);
        }
    }

    /// <summary>
    /// Renames a file or folder. SFTP v3 (OpenSSH) refuses to rename onto an existing file: that
    /// fails with <see cref="SftpErrorKind.Failure"/> and leaves both files as they were.
    /// </summary>
    public void Rename(string from, string to)
    {
        ThrowIfUnusable(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        long start = Stopwatch.GetTimestamp();
        if (Guarded(() => LibSsh.SftpRename(sftp, from, to)) < 0)
        {
            throw Failure("rename", from, start, to);
        }
    }

    /// <summary>Deletes a file (not a folder).</summary>
    public void Delete(string path)
    {
        ThrowIfUnusable(path);
        long start = Stopwatch.GetTimestamp();
        if (Guarded(() => LibSsh.SftpUnlink(sftp, path)) < 0)
        {
            throw Failure("delete", path, start);
        }
    }

    /// <summary>Creates one folder; its parent must exist. An existing folder is an error.</summary>
    public void CreateDirectory(string path)
    {
        ThrowIfUnusable(path);
        long start = Stopwatch.GetTimestamp();
        if (Guarded(() => LibSsh.SftpMkdir(sftp, path, NewDirectoryMode)) < 0)
        {
            throw Failure("mkdir", path, start);
        }
    }

    public void Dispose()
    {
        disposed = true;
        watchdog.Dispose();
        // An open read stream holds the sessions alive until it is disposed (see LibSshHandle).
        sftp.Dispose();
        ssh.Dispose();
    }

    internal SftpException Failure(string operation, string path, long startTimestamp, string? target = null) =>
        SftpErrors.FromSftpCall(ssh, sftp, watchdog, operation, path, target, startTimestamp);

    /// <summary>Runs one blocking libssh call under the operation timeout (see <see cref="OperationWatchdog"/>).</summary>
    internal T Guarded<T>(Func<T> call)
    {
        using (watchdog.Arm())
        {
            return call();
        }
    }

    internal OperationWatchdog.Scope ArmWatchdog() => watchdog.Arm();

    private static SftpException SubsystemFailure(SshSessionHandle ssh, SftpConnectionOptions options, OperationWatchdog watchdog)
    {
        string native = LibSsh.LastError(ssh);
        return watchdog.Fired
            ? new SftpException(SftpErrorKind.Timeout, "connect", null,
                $"{options.Host}:{options.Port} did not start the SFTP subsystem within {options.ConnectTimeout.TotalSeconds:0.###} s ({native}).", nativeMessage: native)
            : new SftpException(SftpErrorKind.ConnectionFailed, "connect", null,
                $"{options.Host}:{options.Port} did not start the SFTP subsystem: {native}.", nativeMessage: native);
    }

    private static string LastSegment(string path)
    {
        string trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private unsafe void WriteAll(SftpFileHandle file, ReadOnlySpan<byte> data, string path)
    {
        fixed (byte* start = data)
        {
            int written = 0;
            while (written < data.Length)
            {
                long began = Stopwatch.GetTimestamp();
                nint result;
                using (watchdog.Arm())
                {
                    result = LibSsh.SftpWrite(file, start + written, (nuint)(data.Length - written));
                }

                if (result <= 0)
                {
                    throw Failure("write", path, began);
                }

                written += (int)result;
            }
        }
    }

    private void ThrowIfUnusable(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>Opens an authenticated SSH session: options, handshake, host key check, login.</summary>
internal static class SshConnector
{
    private const int LibSsh010 = 0x000A00;

    /// <summary>
    /// Returns the session, the host key fingerprint seen and the session's watchdog, armed with the
    /// connect timeout until the caller changes it; all are freed on any failure.
    /// </summary>
    public static (SshSessionHandle Session, string Fingerprint, OperationWatchdog Watchdog) Open(SftpConnectionOptions options)
    {
        EnsureLibrary();
        SshSessionHandle ssh = LibSsh.SshNew();
        if (ssh.IsInvalid)
        {
            ssh.Dispose();
            throw new InvalidOperationException("libssh could not allocate a session (ssh_new returned NULL).");
        }

        OperationWatchdog? watchdog = null;
        try
        {
            string endpoint = $"{options.Host}:{options.Port}";
            Configure(ssh, options);
            long start = Stopwatch.GetTimestamp();
            if (LibSsh.Connect(ssh) != LibSsh.Ok)
            {
                string native = LibSsh.LastError(ssh);
                bool timedOut = SftpErrors.LooksLikeTimeout(native, start, options.ConnectTimeout);
                throw new SftpException(
                    timedOut ? SftpErrorKind.Timeout : SftpErrorKind.ConnectionFailed,
                    "connect",
                    null,
                    timedOut
                        ? $"No SSH handshake with {endpoint} within {options.ConnectTimeout.TotalSeconds:0.###} s ({native})."
                        : $"Could not connect to {endpoint}: {native}.",
                    nativeMessage: native);
            }

            string fingerprint = HostKeyCheck.ReadFingerprint(ssh, endpoint);
            HostKeyCheck.Verify(ssh, options, endpoint, fingerprint);
            // libssh's own timeout covered the handshake; login is bounded by the watchdog.
            watchdog = new OperationWatchdog(ssh, options.ConnectTimeout);
            using (watchdog.Arm())
            {
                Authenticate(ssh, options, endpoint, watchdog);
            }

            SetTimeout(ssh, options.OperationTimeout);
            return (ssh, fingerprint, watchdog);
        }
        catch
        {
            watchdog?.Dispose();
            ssh.Dispose();
            throw;
        }
    }

    private static void EnsureLibrary()
    {
        nint version;
        try
        {
            version = LibSsh.Version(LibSsh010);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                "libssh (libssh.so.4, or ssh.dll on Windows) was not found: on Debian install the package libssh-4.", e);
        }

        if (version == 0)
        {
            throw new NotSupportedException("libssh 0.10 or newer is required; an older version was loaded.");
        }
    }

    private static void Configure(SshSessionHandle ssh, SftpConnectionOptions options)
    {
        // Not ~/.ssh/config nor /etc/ssh/ssh_config: the service's settings are the ones given here.
        byte no = 0;
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.ProcessConfig, ref no), "process config");
        int quiet = 0;
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.LogVerbosity, ref quiet), "log verbosity");
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.Host, options.Host), "host");
        uint port = (uint)options.Port;
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.Port, ref port), "port");
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.User, options.UserName), "user");
        // Both known_hosts options are set, so that neither ~/.ssh/known_hosts nor
        // /etc/ssh/ssh_known_hosts ever vouches for a server. When pinning, neither file is read.
        string knownHosts = options.KnownHostsPath ?? NullDevice;
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.KnownHosts, knownHosts), "known_hosts");
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.GlobalKnownHosts, knownHosts), "global known_hosts");
        // Every synchronous SFTP call (a write, a stat) is one small request and its answer: with
        // Nagle's algorithm on, each waited for the peer's delayed ACK (uploads measured 2 MiB/s).
        int noDelay = 1;
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.NoDelay, ref noDelay), "TCP no-delay");
        SetTimeout(ssh, options.ConnectTimeout);
    }

    private static string NullDevice => OperatingSystem.IsWindows() ? "NUL" : "/dev/null";

    /// <summary>libssh takes seconds and microseconds as C <c>long</c> (32-bit on Windows, hence CLong).</summary>
    private static void SetTimeout(SshSessionHandle ssh, TimeSpan timeout)
    {
        long totalMicroseconds = Math.Max(1000, (long)timeout.TotalMicroseconds);
        var seconds = new CLong(checked((nint)(totalMicroseconds / 1_000_000)));
        var microseconds = new CLong((nint)(totalMicroseconds % 1_000_000));
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.Timeout, ref seconds), "timeout");
        Check(ssh, LibSsh.OptionsSet(ssh, SshOption.TimeoutMicroseconds, ref microseconds), "timeout (microseconds)");
    }

    private static void Check(SshSessionHandle ssh, int result, string option)
    {
        if (result != LibSsh.Ok)
        {
            string native = LibSsh.LastError(ssh);
            throw new SftpException(SftpErrorKind.ConnectionFailed, "connect", null,
                $"libssh refused the {option} option: {native}.", nativeMessage: native);
        }
    }

    private static void Authenticate(SshSessionHandle ssh, SftpConnectionOptions options, string endpoint, OperationWatchdog watchdog)
    {
        string method;
        int result;
        if (options.Password is { } password)
        {
            method = "a password";
            result = LibSsh.UserAuthPassword(ssh, null, password);
        }
        else
        {
            string keyPath = options.PrivateKeyPath!;
            method = $"the private key file {keyPath}";
            using SshKeyHandle key = ImportKey(ssh, keyPath, options.PrivateKeyPassphrase);
            result = LibSsh.UserAuthPublicKey(ssh, null, key);
        }

        if (result == AuthSuccess)
        {
            return;
        }

        string native = LibSsh.LastError(ssh);
        if (watchdog.Fired)
        {
            throw new SftpException(SftpErrorKind.Timeout, "authenticate", null,
                $"{endpoint} did not finish authenticating user '{options.UserName}' within {options.ConnectTimeout.TotalSeconds:0.###} s ({native}).", nativeMessage: native);
        }

        if (result == AuthError)
        {
            throw new SftpException(SftpErrorKind.ConnectionLost, "authenticate", null,
                $"Authentication of user '{options.UserName}' on {endpoint} with {method} failed: {native}.", nativeMessage: native);
        }

        // DENIED, or PARTIAL (the server wants a second factor we cannot give): both are a refusal.
        throw new SftpException(SftpErrorKind.AuthenticationFailed, "authenticate", null,
            $"{endpoint} refused user '{options.UserName}' authenticating with {method}.", nativeMessage: native);
    }

    private const int AuthSuccess = 0;
    private const int AuthError = -1;

    private static SshKeyHandle ImportKey(SshSessionHandle ssh, string path, string? passphrase)
    {
        // No callback: libssh must never prompt on a terminal; a missing passphrase is an error.
        int result = LibSsh.ImportPrivateKeyFile(path, passphrase, 0, 0, out SshKeyHandle key);
        if (result == LibSsh.Ok && !key.IsInvalid)
        {
            return key;
        }

        key.Dispose();
        string reason = result == LibSsh.Eof
            ? "it does not exist or cannot be read"
            : passphrase is null
                ? "it is not a private key libssh can read, or it needs a passphrase and none was given"
                : "the passphrase is wrong, or it is not a private key libssh can read";
        throw new SftpException(SftpErrorKind.PrivateKeyUnreadable, "authenticate", null,
            $"The private key file {path} could not be loaded: {reason}.", nativeMessage: LibSsh.LastError(ssh));
    }
}

using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// The libssh 0.10 functions we use, bound by source-generated P/Invoke. Strings are NUL-terminated
/// UTF-8 both ways. Functions returning <c>const char*</c> owned by libssh return <see cref="nint"/>,
/// so that the marshaller does not free memory it does not own.
/// </summary>
internal static partial class LibSsh
{
    public const string LibraryName = "libssh";

    public const int Ok = 0;
    public const int Error = -1;
    public const int Eof = -127;

    public const int RequestDenied = 1;
    public const int Fatal = 2;

    public const int PublicKeyHashSha256 = 2;

    // libssh maps these POSIX open flags to SFTP flags; their values differ between C libraries.
    public static int OpenReadOnly => 0;
    public static int OpenWriteCreateTruncate => OperatingSystem.IsWindows() ? 0x1 | 0x100 | 0x200 : 0x1 | 0x40 | 0x200;

    // A static constructor runs before the first call of any binding below, hence before the
    // runtime looks for the library by its plain name.
    static LibSsh() => NativeLibrary.SetDllImportResolver(typeof(LibSsh).Assembly, LibSshResolver.Resolve);

    [LibraryImport(LibraryName, EntryPoint = "ssh_version")]
    public static partial nint Version(int requiredVersion);

    [LibraryImport(LibraryName, EntryPoint = "ssh_new")]
    public static partial SshSessionHandle SshNew();

    [LibraryImport(LibraryName, EntryPoint = "ssh_free")]
    public static partial void SshFree(nint session);

    [LibraryImport(LibraryName, EntryPoint = "ssh_disconnect")]
    public static partial void SshDisconnect(nint session);

    [LibraryImport(LibraryName, EntryPoint = "ssh_options_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OptionsSet(SshSessionHandle session, SshOption option, string value);

    [LibraryImport(LibraryName, EntryPoint = "ssh_options_set")]
    public static partial int OptionsSet(SshSessionHandle session, SshOption option, ref uint value);

    [LibraryImport(LibraryName, EntryPoint = "ssh_options_set")]
    public static partial int OptionsSet(SshSessionHandle session, SshOption option, ref int value);

    [LibraryImport(LibraryName, EntryPoint = "ssh_options_set")]
    public static partial int OptionsSet(SshSessionHandle session, SshOption option, ref CLong value);

    /// <summary>For the C <c>bool</c> options (one byte).</summary>
    [LibraryImport(LibraryName, EntryPoint = "ssh_options_set")]
    public static partial int OptionsSet(SshSessionHandle session, SshOption option, ref byte value);

    [LibraryImport(LibraryName, EntryPoint = "ssh_connect")]
    public static partial int Connect(SshSessionHandle session);

    /// <summary><c>socket_t</c> is an int on Unix…</summary>
    [LibraryImport(LibraryName, EntryPoint = "ssh_get_fd")]
    public static partial int GetFdUnix(SshSessionHandle session);

    /// <summary>…and a pointer-sized SOCKET on Windows.</summary>
    [LibraryImport(LibraryName, EntryPoint = "ssh_get_fd")]
    public static partial nint GetFdWindows(SshSessionHandle session);

    [LibraryImport(LibraryName, EntryPoint = "ssh_get_error")]
    public static partial nint GetError(SafeHandle sessionOrBind);

    [LibraryImport(LibraryName, EntryPoint = "ssh_get_error_code")]
    public static partial int GetErrorCode(SafeHandle sessionOrBind);

    [LibraryImport(LibraryName, EntryPoint = "ssh_get_server_publickey")]
    public static partial int GetServerPublicKey(SshSessionHandle session, out SshKeyHandle key);

    [LibraryImport(LibraryName, EntryPoint = "ssh_get_publickey_hash")]
    public static partial int GetPublicKeyHash(SshKeyHandle key, int type, out nint hash, out nuint length);

    [LibraryImport(LibraryName, EntryPoint = "ssh_clean_pubkey_hash")]
    public static partial void CleanPublicKeyHash(ref nint hash);

    [LibraryImport(LibraryName, EntryPoint = "ssh_get_fingerprint_hash")]
    public static partial nint GetFingerprintHash(int type, nint hash, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "ssh_string_free_char")]
    public static partial void StringFreeChar(nint text);

    [LibraryImport(LibraryName, EntryPoint = "ssh_session_is_known_server")]
    public static partial KnownHostsResult SessionIsKnownServer(SshSessionHandle session);

    [LibraryImport(LibraryName, EntryPoint = "ssh_key_free")]
    public static partial void KeyFree(nint key);

    [LibraryImport(LibraryName, EntryPoint = "ssh_userauth_password", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UserAuthPassword(SshSessionHandle session, string? userName, string password);

    [LibraryImport(LibraryName, EntryPoint = "ssh_pki_import_privkey_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImportPrivateKeyFile(string path, string? passphrase, nint authCallback, nint authData, out SshKeyHandle key);

    [LibraryImport(LibraryName, EntryPoint = "ssh_userauth_publickey", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UserAuthPublicKey(SshSessionHandle session, string? userName, SshKeyHandle privateKey);

    [LibraryImport(LibraryName, EntryPoint = "sftp_new")]
    public static partial SftpSessionHandle SftpNew(SshSessionHandle session);

    [LibraryImport(LibraryName, EntryPoint = "sftp_init")]
    public static partial int SftpInit(SftpSessionHandle sftp);

    [LibraryImport(LibraryName, EntryPoint = "sftp_free")]
    public static partial void SftpFree(nint sftp);

    [LibraryImport(LibraryName, EntryPoint = "sftp_get_error")]
    public static partial int SftpGetError(SftpSessionHandle sftp);

    [LibraryImport(LibraryName, EntryPoint = "sftp_opendir", StringMarshalling = StringMarshalling.Utf8)]
    public static partial SftpDirHandle SftpOpenDir(SftpSessionHandle sftp, string path);

    [LibraryImport(LibraryName, EntryPoint = "sftp_readdir")]
    public static partial SftpAttributesHandle SftpReadDir(SftpSessionHandle sftp, SftpDirHandle dir);

    [LibraryImport(LibraryName, EntryPoint = "sftp_dir_eof")]
    public static partial int SftpDirEof(SftpDirHandle dir);

    [LibraryImport(LibraryName, EntryPoint = "sftp_closedir")]
    public static partial int SftpCloseDir(nint dir);

    [LibraryImport(LibraryName, EntryPoint = "sftp_attributes_free")]
    public static partial void SftpAttributesFree(nint attributes);

    [LibraryImport(LibraryName, EntryPoint = "sftp_stat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial SftpAttributesHandle SftpStat(SftpSessionHandle sftp, string path);

    [LibraryImport(LibraryName, EntryPoint = "sftp_lstat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial SftpAttributesHandle SftpLstat(SftpSessionHandle sftp, string path);

    /// <summary><c>mode_t</c> is a 32-bit unsigned int on Linux and Windows alike.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sftp_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial SftpFileHandle SftpOpen(SftpSessionHandle sftp, string path, int accessType, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "sftp_close")]
    public static partial int SftpClose(nint file);

    [LibraryImport(LibraryName, EntryPoint = "sftp_seek64")]
    public static partial int SftpSeek64(SftpFileHandle file, ulong offset);

    [LibraryImport(LibraryName, EntryPoint = "sftp_async_read_begin")]
    public static partial int SftpAsyncReadBegin(SftpFileHandle file, uint length);

    [LibraryImport(LibraryName, EntryPoint = "sftp_async_read")]
    public static unsafe partial int SftpAsyncRead(SftpFileHandle file, byte* data, uint length, uint id);

    [LibraryImport(LibraryName, EntryPoint = "sftp_write")]
    public static unsafe partial nint SftpWrite(SftpFileHandle file, byte* data, nuint count);

    [LibraryImport(LibraryName, EntryPoint = "sftp_rename", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SftpRename(SftpSessionHandle sftp, string from, string to);

    [LibraryImport(LibraryName, EntryPoint = "sftp_unlink", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SftpUnlink(SftpSessionHandle sftp, string path);

    [LibraryImport(LibraryName, EntryPoint = "sftp_mkdir", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SftpMkdir(SftpSessionHandle sftp, string path, uint mode);

    /// <summary>The message libssh keeps for the session's last error (never null).</summary>
    public static string LastError(SafeHandle session) =>
        Marshal.PtrToStringUTF8(GetError(session)) is { Length: > 0 } text ? text : "no error text from libssh";
}

using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// libssh 0.10's <c>struct sftp_attributes_struct</c>, field for field, so that the runtime lays it
/// out by the same C rules (144 bytes on 64-bit Linux and Windows: it has no C <c>long</c>).
/// Offsets are checked by a test against values read from the header with a C compiler.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SftpAttributesLayout
{
    public nint Name;
    public nint LongName;
    public uint Flags;
    public byte Type;
    public ulong Size;
    public uint Uid;
    public uint Gid;
    public nint Owner;
    public nint Group;
    public uint Permissions;
    public ulong Atime64;
    public uint Atime;
    public uint AtimeNanoseconds;
    public ulong CreateTime;
    public uint CreateTimeNanoseconds;
    public ulong Mtime64;
    public uint Mtime;
    public uint MtimeNanoseconds;
    public nint Acl;
    public uint ExtendedCount;
    public nint ExtendedType;
    public nint ExtendedData;

    public const uint FlagSize = 0x1;
    public const uint FlagPermissions = 0x4;
    public const uint FlagAccessModifyTime = 0x8;
    public const uint FlagModifyTime = 0x20;

    public const byte TypeRegular = 1;
    public const byte TypeDirectory = 2;
}

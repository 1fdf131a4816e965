namespace Registry.Ingest.Sftp.Native;

/// <summary>Reads the few fields we need out of libssh's sftp_attributes struct.</summary>
internal static class SftpAttributesReader
{
    private const uint FileTypeMask = 0xF000;   // S_IFMT, as SFTP v3 carries POSIX permissions
    private const uint RegularFile = 0x8000;    // S_IFREG
    private const uint DirectoryType = 0x4000;  // S_IFDIR

    public static unsafe SftpEntry ToEntry(SftpAttributesHandle attributes, string? fallbackName)
    {
        bool added = false;
        attributes.DangerousAddRef(ref added);
        try
        {
            SftpAttributesLayout* a = (SftpAttributesLayout*)attributes.DangerousGetHandle();
            string name = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(a->Name) ?? fallbackName ?? "";
            long size = (a->Flags & SftpAttributesLayout.FlagSize) != 0 ? checked((long)a->Size) : 0;
            // SFTP v3 (OpenSSH) sends 32-bit seconds with ACMODTIME; v4+ sends 64-bit MODIFYTIME.
            long seconds = (a->Flags & SftpAttributesLayout.FlagModifyTime) != 0 ? (long)a->Mtime64
                : (a->Flags & SftpAttributesLayout.FlagAccessModifyTime) != 0 ? a->Mtime
                : 0;
            return new SftpEntry(name, size, DateTimeOffset.FromUnixTimeSeconds(seconds), KindOf(a));
        }
        finally
        {
            if (added)
            {
                attributes.DangerousRelease();
            }
        }
    }

    private static unsafe SftpEntryKind KindOf(SftpAttributesLayout* a)
    {
        if ((a->Flags & SftpAttributesLayout.FlagPermissions) != 0)
        {
            return (a->Permissions & FileTypeMask) switch
            {
                RegularFile => SftpEntryKind.File,
                DirectoryType => SftpEntryKind.Directory,
                _ => SftpEntryKind.Other,
            };
        }

        return a->Type switch
        {
            SftpAttributesLayout.TypeRegular => SftpEntryKind.File,
            SftpAttributesLayout.TypeDirectory => SftpEntryKind.Directory,
            _ => SftpEntryKind.Other,
        };
    }
}

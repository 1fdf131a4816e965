using System.ComponentModel.DataAnnotations;
using Registry.Ingest.DropFolder.Sftp;

namespace Registry.Ingest.DropFolder;

/// <summary>The <c>DropFolder</c> section: where clinics upload their files.</summary>
internal sealed class DropFolderOptions
{
    public const string Section = "DropFolder";

    public DropFolderKind Kind { get; set; } = DropFolderKind.Local;

    /// <summary>The folder: a local path, or the path on the SFTP server (e.g. <c>ICARE HL7 EXCHANGE</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = string.Empty;

    public SftpOptions Sftp { get; set; } = new();
}

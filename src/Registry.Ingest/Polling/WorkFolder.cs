namespace Registry.Ingest.Polling;

/// <summary>
/// <c>Worker:WorkDirectory</c>: downloads and outputs in progress, so patient data. It must be the
/// service account's alone: created owner-only, and an existing folder is made owner-only too (a
/// folder another account owns cannot be, and is refused: that account could read every file).
/// </summary>
internal static class WorkFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Makes sure the folder exists with owner-only access; <see cref="WorkFolderUnavailableException"/> when it cannot be.</summary>
    public static void Prepare(string root)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(root); // inherits the ACL of its parent: the install script's folder
                return;
            }

            if (!Directory.Exists(root))
            {
                Directory.CreateDirectory(root, OwnerOnly);
            }

            if (File.GetUnixFileMode(root) != OwnerOnly)
            {
                File.SetUnixFileMode(root, OwnerOnly);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkFolderUnavailableException(
                $"The work folder '{root}' (Worker:WorkDirectory) cannot be used as a folder only this account may read: {e.Message}", e);
        }
    }

    /// <summary>A file in the work folder, readable and writable by its owner only.</summary>
    public static FileStream CreateNew(string path, int bufferSize)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}

/// <summary>The local work folder cannot be used: an outage of this machine, never a fault of the file being processed.</summary>
internal sealed class WorkFolderUnavailableException(string message, Exception inner) : Exception(message, inner);

namespace Registry.Ingest.DropFolder;

/// <summary>
/// The clinics' drop folder (SFTP, a local directory, or in memory in tests): the one seam the poller
/// works through. Names are plain file names directly inside the folder, never paths.
/// <para>
/// Errors: <see cref="DropFolderUnavailableException"/> when the folder itself cannot be reached
/// (server down, login refused, folder missing) - the poller waits for the next poll;
/// <see cref="FileNotFoundException"/> when a named file is gone (the sender removed it);
/// other <see cref="IOException"/>s for a failure about one file.
/// </para>
/// </summary>
internal interface IDropFolder : IDisposable
{
    /// <summary>Where the folder is, for logs and as its key in the database; never holds a secret.</summary>
    string Location { get; }

    /// <summary>The regular files directly in the folder, in no particular order; subfolders are left out.</summary>
    IReadOnlyList<DropFolderEntry> List();

    /// <summary>The regular file of that name as it is now, or null when there is none.</summary>
    DropFolderEntry? Find(string name);

    /// <summary>Reads a file from the start; a sequential, possibly non-seekable stream.</summary>
    Stream OpenRead(string name);

    /// <summary>
    /// Whether the file's last byte, at <see cref="DropFolderEntry.Size"/> − 1, is a line break
    /// (CR or LF), reading only that byte: a file cut in the middle of a line may be an upload
    /// that paused. False for an empty file or one shorter than that now.
    /// </summary>
    bool EndsWithLineBreak(DropFolderEntry entry);

    /// <summary>
    /// Writes <paramref name="name"/> so that nobody ever sees it half written: under a temporary name
    /// that the poller ignores (<see cref="DropFolderNames.Temporary"/>), then renamed into place,
    /// replacing an existing file of that name.
    /// </summary>
    void WriteAtomically(string name, Stream content);

    /// <summary>
    /// Moves a file into <paramref name="subfolder"/> (created when missing). When that folder already
    /// holds a file of the name, both are kept: the moved one gets a numbered name
    /// (<see cref="DropFolderNames.Numbered"/>). Returns the name it has there.
    /// </summary>
    string Move(string name, string subfolder);

    /// <summary>Deletes a file; a file already gone is not an error.</summary>
    void Delete(string name);

    /// <summary>
    /// What <c>check</c> prints about this folder: each thing that must work (for SFTP: the server
    /// answers, the host key matches, the login works, the folder is writable, then each of
    /// <paramref name="subfolders"/> can take originals), tried now.
    /// </summary>
    IReadOnlyList<CheckItem> Check(IReadOnlyList<Subfolder> subfolders);
}

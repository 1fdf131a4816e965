namespace Registry.Ingest.DropFolder.Local;

/// <summary>A drop folder on this machine: the same protocol as SFTP, for sites where the folder is local and for tests.</summary>
internal sealed class LocalDropFolder(string path) : IDropFolder
{
    private readonly string root = System.IO.Path.GetFullPath(path);

    public string Location => root;

    public IReadOnlyList<DropFolderEntry> List()
    {
        FileInfo[] files;
        try
        {
            files = new DirectoryInfo(root).GetFiles();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // A missing folder is a setting or a mount to fix, said as such; other messages end in their own period.
            string why = e is DirectoryNotFoundException
                ? File.Exists(root) ? "it is a file, not a folder (check DropFolder:Path)" : "it does not exist (check DropFolder:Path, or the share it is on)"
                : e.Message.TrimEnd('.');
            throw new DropFolderUnavailableException($"The drop folder '{root}' cannot be listed: {why}", e);
        }

        var entries = new List<DropFolderEntry>(files.Length);
        foreach (var file in files)
        {
            if (Entry(file) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// One file of a listing. A file whose details cannot be read is no reason to list none: one
    /// gone since the folder was read is left out (the next poll does not see it either), and one
    /// whose name is not UTF-8 (it reads back with U+FFFD, a name that does not exist) is listed
    /// as such, so the poller leaves it where it is and says so, as for any name it cannot handle.
    /// </summary>
    private static DropFolderEntry? Entry(FileInfo file)
    {
        try
        {
            return IsPlainFile(file) ? new DropFolderEntry(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return DropFolderNames.CanHandle(file.Name) ? null : new DropFolderEntry(file.Name, 0, DateTimeOffset.UnixEpoch);
        }
    }

    public DropFolderEntry? Find(string name)
    {
        var file = new FileInfo(PathOf(name));
        return file.Exists && IsPlainFile(file) ? new DropFolderEntry(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null;
    }

    public Stream OpenRead(string name)
    {
        var path = PathOf(name);
        if (!IsPlainFile(new FileInfo(path)))
        {
            throw new FileNotFoundException($"'{name}' is no longer a file of the drop folder (a link now).", name);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
    }

    public bool EndsWithLineBreak(DropFolderEntry entry)
    {
        if (entry.Size <= 0)
        {
            return false;
        }

        using var stream = OpenRead(entry.Name);
        stream.Seek(Math.Max(entry.Size - 2, 0), SeekOrigin.Begin);
        return DropFolderNames.EndsWithLineBreak(stream, entry.Size);
    }

    /// <summary>
    /// A file of the folder itself, not a symbolic link: a link would have the worker read (and
    /// answer, and store) any file it can read, such as its own secrets, in the name of whoever
    /// can write to the folder. The SFTP folder lists links apart and skips them the same way.
    /// </summary>
    private static bool IsPlainFile(FileInfo file) => file.LinkTarget is null;

    public void WriteAtomically(string name, Stream content)
    {
        var target = PathOf(name);
        var temporary = PathOf(DropFolderNames.Temporary(name));
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                content.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public string Move(string name, string subfolder)
    {
        var source = PathOf(name);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"'{name}' is no longer in the drop folder.", name);
        }

        var folder = System.IO.Path.Combine(root, subfolder);
        // A link would send the clinics' originals wherever it points (anyone who can write to the
        // folder can make one); a file cannot hold them.
        var existing = new FileInfo(folder);
        if (existing.LinkTarget is not null || existing.Exists)
        {
            throw Subfolder.NotAFolderToMoveInto(subfolder, link: existing.LinkTarget is not null);
        }

        Directory.CreateDirectory(folder);
        for (int number = 1; ; number++)
        {
            var candidate = number == 1 ? name : DropFolderNames.Numbered(name, number);
            var target = System.IO.Path.Combine(folder, candidate);
            if (File.Exists(target))
            {
                continue;
            }

            try
            {
                File.Move(source, target, overwrite: false);
                return candidate;
            }
            catch (IOException) when (File.Exists(target) && File.Exists(source))
            {
                // Taken between the check and the move: try the next number.
            }
        }
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public IReadOnlyList<CheckItem> Check(IReadOnlyList<Subfolder> subfolders)
    {
        const string exists = "Drop folder exists";
        const string writable = "Drop folder is writable";
        if (!Directory.Exists(root))
        {
            return
            [
                File.Exists(root)
                    ? CheckItem.Fail(exists, $"'{root}' is a file, not a folder.", "Set DropFolder:Path (environment DropFolder__Path) to the folder the clinics upload to.")
                    : CheckItem.Fail(exists, $"'{root}' does not exist.", "Create the folder, or set DropFolder:Path (environment DropFolder__Path) to the folder the clinics upload to."),
            ];
        }

        if (Probe(root) is { } failure)
        {
            return
            [
                CheckItem.Pass(exists, root),
                CheckItem.Fail(writable, failure, "Give the service's account write access to the folder (it writes ACKs and reports there and moves originals into subfolders)."),
            ];
        }

        var items = new List<CheckItem> { CheckItem.Pass(exists, root), CheckItem.Pass(writable, "a test file was written and deleted") };
        foreach (var subfolder in subfolders)
        {
            var path = System.IO.Path.Combine(root, subfolder.Name);
            items.Add(
                new FileInfo(path).LinkTarget is not null ? subfolder.Link(path)
                : File.Exists(path) ? subfolder.NotAFolder(path)
                : !Directory.Exists(path) ? subfolder.Missing()
                : Probe(path) is { } denied ? subfolder.NotWritable(denied, "the service's account")
                : subfolder.Writable(path));
        }

        return items;
    }

    /// <summary>Writes and deletes a test file in <paramref name="folder"/>; null when that worked, else why not.</summary>
    private static string? Probe(string folder)
    {
        var probe = System.IO.Path.Combine(folder, DropFolderNames.Temporary("registry-ingest-check"));
        try
        {
            File.WriteAllText(probe, "check");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
    }

    private string PathOf(string name)
    {
        DropFolderNames.RequirePlain(name);

        return System.IO.Path.Combine(root, name);
    }
}

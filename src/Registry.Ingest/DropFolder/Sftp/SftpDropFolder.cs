using System.Globalization;
using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// The drop folder on an SFTP server, with the same protocol as <see cref="Local.LocalDropFolder"/>.
/// The connection is opened on first use and kept; when it fails it is dropped and opened again
/// on a later call, no sooner than <see cref="ReconnectBackoff"/> allows (calls in between fail at
/// once with <see cref="DropFolderUnavailableException"/>). A kept connection found dead when a
/// poll lists the folder (servers and firewalls end idle sessions) is opened again at once and the
/// listing retried, so an idle timeout is not an outage. Not thread-safe, like the client: the
/// poller uses it from one thread at a time.
/// </summary>
internal sealed class SftpDropFolder : IDropFolder
{
    private readonly SftpConnectionOptions connection;
    private readonly string root;
    private readonly string endpoint;
    private readonly ReconnectBackoff backoff;
    private SftpClient? client;
    private string? lastFailure;

    public SftpDropFolder(SftpConnectionOptions connection, string path, TimeProvider time, TimeSpan maxBackoff)
    {
        this.connection = connection;
        root = path.Length > 1 ? path.TrimEnd('/') : path;
        endpoint = string.Create(CultureInfo.InvariantCulture, $"{connection.Host}:{connection.Port}");
        backoff = new ReconnectBackoff(time, maxBackoff);
        // A path without a leading '/' is relative to the login's home folder on the server.
        Location = $"sftp://{connection.UserName}@{endpoint}{(root.StartsWith('/') ? root : "/~/" + root)}";
    }

    public string Location { get; }

    public IReadOnlyList<DropFolderEntry> List() => Run(retryOnKeptConnection: true, operation: c =>
    {
        try
        {
            return c.List(root)
                .Where(e => e.Kind == SftpEntryKind.File)
                .Select(e => new DropFolderEntry(e.Name, e.Size, e.LastModified))
                .ToList();
        }
        catch (SftpException e) when (e.Kind is SftpErrorKind.NoSuchFile or SftpErrorKind.PermissionDenied)
        {
            throw new DropFolderUnavailableException($"The drop folder '{root}' on {endpoint} cannot be listed: {e.Message}", e);
        }
    });

    public DropFolderEntry? Find(string name)
    {
        var path = PathOf(name);
        return Run(c => c.Stat(path) is { Kind: SftpEntryKind.File } e ? new DropFolderEntry(name, e.Size, e.LastModified) : null);
    }

    public Stream OpenRead(string name) => new SftpDropFolderStream(Run(c => OpenRead(c, name, 0)), this);

    public bool EndsWithLineBreak(DropFolderEntry entry)
    {
        if (entry.Size <= 0)
        {
            return false;
        }

        return Run(c =>
        {
            using var stream = OpenRead(c, entry.Name, Math.Max(entry.Size - 2, 0));
            return DropFolderNames.EndsWithLineBreak(stream, entry.Size);
        });
    }

    /// <summary>Opens a file of the folder from <paramref name="offset"/>, saying as the local folder does when it is gone or may not be read.</summary>
    private Stream OpenRead(SftpClient client, string name, long offset)
    {
        try
        {
            return client.OpenRead(PathOf(name), offset);
        }
        catch (SftpException e) when (e.Kind == SftpErrorKind.NoSuchFile)
        {
            throw new FileNotFoundException($"'{name}' is no longer in the drop folder.", name, e);
        }
        catch (SftpException e) when (e.Kind == SftpErrorKind.PermissionDenied)
        {
            throw new UnauthorizedAccessException($"'{name}' cannot be read by {endpoint}'s user: {e.Message}", e);
        }
    }

    public void WriteAtomically(string name, Stream content)
    {
        var target = PathOf(name);
        var temporary = PathOf(DropFolderNames.Temporary(name));
        Run(c => Permitted(name, () =>
        {
            try
            {
                c.Upload(content, temporary);
                // SFTP v3 will not rename onto an existing file: remove the old one first. Readers
                // see the old file, then briefly none, then the whole new one; never half of one.
                DeleteIfPresent(c, target);
                c.Rename(temporary, target);
            }
            catch (SftpException e) when (!SftpFailures.IsConnectionLoss(e.Kind))
            {
                DeleteIfPresent(c, temporary);
                throw;
            }

            // On a lost connection the temporary file may stay: its name is ignored by the poller.
            return 0;
        }));
    }

    public string Move(string name, string subfolder)
    {
        var source = PathOf(name);
        var folder = PathOf(subfolder);
        return Run(c => Permitted(name, () =>
        {
            if (c.Stat(source) is null)
            {
                throw new FileNotFoundException($"'{name}' is no longer in the drop folder.", name);
            }

            var existing = c.LinkStat(folder);
            if (existing is { Kind: not SftpEntryKind.Directory })
            {
                // A link would send the clinics' originals wherever it points (anyone who can write
                // to the folder can make one); a file cannot hold them.
                throw Subfolder.NotAFolderToMoveInto(subfolder, link: existing.Kind != SftpEntryKind.File);
            }

            if (existing is null)
            {
                try
                {
                    c.CreateDirectory(folder);
                }
                catch (SftpException e) when (!SftpFailures.IsConnectionLoss(e.Kind) && c.Exists(folder))
                {
                    // Created by someone else meanwhile.
                }
            }

            for (int number = 1; ; number++)
            {
                var candidate = number == 1 ? name : DropFolderNames.Numbered(name, number);
                var target = $"{folder}/{candidate}";
                if (c.Exists(target))
                {
                    continue;
                }

                try
                {
                    c.Rename(source, target);
                    return candidate;
                }
                catch (SftpException e) when (!SftpFailures.IsConnectionLoss(e.Kind) && c.Exists(target) && c.Exists(source))
                {
                    // Taken between the check and the rename (the rename never overwrites): try the next number.
                }
            }
        }));
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        Run(c => Permitted(name, () =>
        {
            DeleteIfPresent(c, path);
            return 0;
        }));
    }

    /// <summary>
    /// A write, move or delete the server refused for want of permission says so as the local
    /// folder's does (<see cref="UnauthorizedAccessException"/>): the poller then waits for the
    /// account's rights to be fixed, says so once, and counts no attempt against the file.
    /// </summary>
    private T Permitted<T>(string name, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SftpException e) when (e.Kind == SftpErrorKind.PermissionDenied)
        {
            throw new UnauthorizedAccessException($"writing or moving '{name}' was refused to {endpoint}'s user: {e.Message}", e);
        }
    }

    public IReadOnlyList<CheckItem> Check(IReadOnlyList<Subfolder> subfolders) => new SftpCheck(connection, root, endpoint).Run(subfolders);

    public void Dispose()
    {
        client?.Dispose();
        client = null;
    }

    /// <summary>A read of a file failed because the connection went: drop it, so the next call reconnects.</summary>
    internal DropFolderUnavailableException Lost(SftpException e)
    {
        Dispose();
        return new DropFolderUnavailableException(SftpFailures.Describe(e, endpoint), e);
    }

    private static void DeleteIfPresent(SftpClient c, string path)
    {
        try
        {
            c.Delete(path);
        }
        catch (SftpException e) when (e.Kind == SftpErrorKind.NoSuchFile)
        {
            // Already gone: what was wanted.
        }
    }

    /// <summary>Runs one operation on the connection (opened first if needed); a lost connection becomes an outage.</summary>
    /// <param name="retryOnKeptConnection">
    /// For an operation safe to repeat: when a connection kept from earlier turns out to be lost,
    /// open a new one (no backoff: the server did not refuse anything) and try once more.
    /// </param>
    private T Run<T>(Func<SftpClient, T> operation, bool retryOnKeptConnection = false)
    {
        bool kept = client is not null;
        var c = Connected();
        try
        {
            return operation(c);
        }
        catch (SftpException e) when (SftpFailures.IsConnectionLoss(e.Kind))
        {
            var lost = Lost(e);
            // Only a connection found closed: a server that stopped answering (a timeout) would
            // just make the retry wait as long again before the outage is declared.
            if (!retryOnKeptConnection || !kept || e.Kind != SftpErrorKind.ConnectionLost)
            {
                throw lost;
            }
        }

        return Run(operation);
    }

    private SftpClient Connected()
    {
        if (client is not null)
        {
            return client;
        }

        if (!backoff.MayTry && lastFailure is not null)
        {
            throw new DropFolderUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"{lastFailure} (next connection attempt after {backoff.NextAttempt:HH:mm:ss} UTC)"));
        }

        try
        {
            client = SftpClient.Connect(connection);
        }
        catch (SftpException e)
        {
            backoff.Failed();
            lastFailure = SftpFailures.Describe(e, endpoint);
            throw new DropFolderUnavailableException(lastFailure, e);
        }

        backoff.Succeeded();
        lastFailure = null;
        return client;
    }

    private string PathOf(string name)
    {
        DropFolderNames.RequirePlain(name);

        return root == "/" ? "/" + name : $"{root}/{name}";
    }
}

using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// What <c>check</c> tries on an SFTP drop folder, in order, with a fresh connection: the server
/// answers, its host key is the configured one (printing the fingerprint seen), the login works,
/// the folder exists, a file can be written and deleted in it, and so in each subfolder originals
/// are moved into (or it is not there yet, for the worker to create). Each failure says what to fix.
/// </summary>
internal sealed class SftpCheck(SftpConnectionOptions connection, string root, string endpoint)
{
    private const string Reachable = "SFTP server reachable";
    private const string HostKey = "SFTP host key verified";
    private const string Login = "SFTP login";
    private const string Exists = "Drop folder exists";
    private const string Writable = "Drop folder is writable";

    public IReadOnlyList<CheckItem> Run(IReadOnlyList<Subfolder> subfolders)
    {
        var items = new List<CheckItem>();
        SftpClient client;
        try
        {
            client = SftpClient.Connect(connection);
        }
        catch (SftpException e)
        {
            items.AddRange(ConnectFailed(e));
            return items;
        }

        using (client)
        {
            items.Add(CheckItem.Pass(Reachable, endpoint));
            items.Add(CheckItem.Pass(HostKey, $"{client.HostKeyFingerprint} matches {HostKeySource()}"));
            items.Add(CheckItem.Pass(Login, $"as {connection.UserName} with {(connection.PrivateKeyPath is null ? "a password" : "the key " + connection.PrivateKeyPath)}"));
            try
            {
                var folder = client.Stat(root);
                if (folder?.Kind != SftpEntryKind.Directory)
                {
                    items.Add(CheckItem.Fail(Exists, $"'{root}' {(folder is null ? "does not exist" : "is not a folder")} on {endpoint}.",
                        "Create the folder on the server, or set DropFolder:Path (environment DropFolder__Path) to the folder the clinics upload to (absolute, or relative to the login's home folder)."));
                    return items;
                }

                items.Add(CheckItem.Pass(Exists, root));
                Probe(client, root);
                items.Add(CheckItem.Pass(Writable, "a test file was written and deleted"));
            }
            catch (SftpException e)
            {
                items.Add(CheckItem.Fail(Writable, e.Message,
                    $"Give {connection.UserName} write access to the folder on the server (the worker writes ACKs and reports there and moves originals into subfolders)."));
                return items;
            }

            foreach (var subfolder in subfolders)
            {
                items.Add(Check(client, subfolder));
            }
        }

        return items;
    }

    private CheckItem Check(SftpClient client, Subfolder subfolder)
    {
        var path = $"{root}/{subfolder.Name}";
        try
        {
            var entry = client.LinkStat(path);
            if (entry is null)
            {
                return subfolder.Missing();
            }

            if (entry.Kind != SftpEntryKind.Directory)
            {
                return entry.Kind == SftpEntryKind.File ? subfolder.NotAFolder(path) : subfolder.Link(path);
            }

            Probe(client, path);
            return subfolder.Writable(path);
        }
        catch (SftpException e)
        {
            return subfolder.NotWritable(e.Message, connection.UserName);
        }
    }

    /// <summary>Writes and deletes a test file in <paramref name="folder"/>.</summary>
    private static void Probe(SftpClient client, string folder)
    {
        var probe = $"{folder}/{DropFolderNames.Temporary("registry-ingest-check")}";
        using (var content = new MemoryStream("check"u8.ToArray()))
        {
            client.Upload(content, probe);
        }

        client.Delete(probe);
    }

    private List<CheckItem> ConnectFailed(SftpException e)
    {
        switch (e.Kind)
        {
            case SftpErrorKind.HostKeyUnknown or SftpErrorKind.HostKeyChanged:
                return
                [
                    CheckItem.Pass(Reachable, endpoint),
                    CheckItem.Fail(HostKey, e.Message, FixOf(e)),
                ];
            case SftpErrorKind.AuthenticationFailed or SftpErrorKind.PrivateKeyUnreadable:
                return
                [
                    CheckItem.Pass(Reachable, endpoint),
                    CheckItem.Pass(HostKey, $"matches {HostKeySource()}"),
                    CheckItem.Fail(Login, e.Message, FixOf(e)),
                ];
            default:
                return
                [
                    CheckItem.Fail(Reachable, e.Message,
                        $"Check DropFolder:Sftp:Host and DropFolder:Sftp:Port ({endpoint}), that the SFTP server runs, and that no firewall blocks this machine; a slow server may need a larger DropFolder:Sftp:ConnectTimeoutSeconds."),
                ];
        }
    }

    private string FixOf(SftpException e)
    {
        var described = SftpFailures.Describe(e, endpoint);
        int fix = described.IndexOf("Fix: ", StringComparison.Ordinal);
        return fix < 0 ? described : described[(fix + 5)..];
    }

    private string HostKeySource() =>
        connection.KnownHostsPath is { } file ? $"the known_hosts file {file}" : "the pinned DropFolder:Sftp:HostKeySha256";
}

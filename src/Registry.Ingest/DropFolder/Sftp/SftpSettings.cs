using Microsoft.Extensions.Configuration;
using Registry.Ingest.Configuration;
using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// Turns <c>DropFolder:Sftp</c> into the client's connection options, checking at start what the
/// client would only find out at the first connection: every rule fails naming its key, and a
/// secret is refused when it comes from a configuration file rather than the environment or a file
/// of its own.
/// </summary>
internal static class SftpSettings
{
    public const string Section = DropFolderOptions.Section + ":Sftp";

    public static SftpConnectionOptions ToConnectionOptions(IConfiguration configuration, SftpOptions options)
    {
        RejectSecretsInFiles(configuration);
        OptionsValidation.Validate(options, Section);
        Require(!string.IsNullOrWhiteSpace(options.Host), "Host", "is required when DropFolder:Kind is Sftp");
        Require(!string.IsNullOrWhiteSpace(options.UserName), "UserName", "is required when DropFolder:Kind is Sftp");
        Require(string.IsNullOrEmpty(options.KnownHostsFile) != string.IsNullOrEmpty(options.HostKeySha256), "KnownHostsFile",
            "exactly one of KnownHostsFile and HostKeySha256 must be set: the server's host key is always checked (known_hosts from `ssh-keyscan -p PORT HOST`, or the fingerprint `ssh-keygen -lf` prints for the server's ed25519 key)");
        Require(options.HostKeySha256 is not { Length: > 0 } pin || (pin.StartsWith("SHA256:", StringComparison.Ordinal) && pin.Length > 7), "HostKeySha256",
            "must look like SHA256: followed by base64, as `ssh-keygen -lf KEY.pub` prints it");

        bool hasPassword = !string.IsNullOrEmpty(options.Password);
        bool hasPasswordFile = !string.IsNullOrEmpty(options.PasswordFile);
        bool hasKey = !string.IsNullOrEmpty(options.PrivateKeyPath);
        Require(!(hasPassword && hasPasswordFile), "PasswordFile", "and the environment variable DropFolder__Sftp__Password are both set; keep one");
        Require(hasPassword || hasPasswordFile || hasKey, "PrivateKeyPath",
            "no credential: set PrivateKeyPath (key login), PasswordFile, or the environment variable DropFolder__Sftp__Password");
        Require(!((hasPassword || hasPasswordFile) && hasKey), "PrivateKeyPath", "and a password are both set; use one way of logging in");
        bool hasPassphrase = !string.IsNullOrEmpty(options.PrivateKeyPassphrase);
        bool hasPassphraseFile = !string.IsNullOrEmpty(options.PrivateKeyPassphraseFile);
        Require(!(hasPassphrase && hasPassphraseFile), "PrivateKeyPassphraseFile", "and the environment variable DropFolder__Sftp__PrivateKeyPassphrase are both set; keep one");
        Require(hasKey || !(hasPassphrase || hasPassphraseFile), "PrivateKeyPassphraseFile", "is only used with PrivateKeyPath");

        RequireFile(options.KnownHostsFile, "KnownHostsFile");
        RequireFile(options.PrivateKeyPath, "PrivateKeyPath");
        return new SftpConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            UserName = options.UserName,
            Password = hasPassword ? options.Password : hasPasswordFile ? ReadSecret(options.PasswordFile!, "PasswordFile") : null,
            PrivateKeyPath = hasKey ? options.PrivateKeyPath : null,
            PrivateKeyPassphrase = hasPassphrase ? options.PrivateKeyPassphrase
                : hasPassphraseFile ? ReadSecret(options.PrivateKeyPassphraseFile!, "PrivateKeyPassphraseFile") : null,
            KnownHostsPath = string.IsNullOrEmpty(options.KnownHostsFile) ? null : options.KnownHostsFile,
            HostKeySha256 = string.IsNullOrEmpty(options.HostKeySha256) ? null : options.HostKeySha256,
            ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            OperationTimeout = TimeSpan.FromSeconds(options.OperationTimeoutSeconds),
        };
    }

    /// <summary>A password or passphrase in appsettings.json (or any file given with --config) would sit in plain text beside the program and in backups.</summary>
    private static void RejectSecretsInFiles(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers.OfType<FileConfigurationProvider>())
        {
            foreach (var secret in new[] { "Password", "PrivateKeyPassphrase" })
            {
                if (provider.TryGet($"{Section}:{secret}", out var value) && !string.IsNullOrEmpty(value))
                {
                    throw new InvalidOperationException(
                        $"{Section}:{secret} is set in the configuration file {provider.Source.Path}; secrets are never read from it: remove it and "
                        + $"set it in the environment (DropFolder__Sftp__{secret}) or put it in a file named by {Section}:{secret}File.");
                }
            }
        }
    }

    private static string ReadSecret(string path, string key)
    {
        RequireFile(path, key);
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:{key}: the file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static void RequireFile(string? path, string key)
    {
        var problem = string.IsNullOrEmpty(path) ? null : ReadableFile.Problem(path);
        Require(problem is null, key, $"names the file '{path}', which {problem}");
    }

    private static void Require(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Section}:{key} {rule}.");
        }
    }
}

using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Registry.Ingest.Storage;

/// <summary>
/// Connection strings from configuration: <c>ConnectionStrings:Registry</c> for the worker's
/// role and <c>ConnectionStrings:RegistryOwner</c> for migrations (falling back to Registry).
/// A password is taken from the connection string (set it through the environment,
/// <c>ConnectionStrings__Registry</c>) or from the file named by <c>Database:PasswordFile</c> /
/// <c>Database:OwnerPasswordFile</c>; never from appsettings.json.
/// </summary>
internal static class RegistryConnection
{
    public const string App = "Registry";
    public const string Owner = "RegistryOwner";

    public static string ForApp(IConfiguration configuration, DatabaseOptions options)
    {
        RejectPasswordsInFiles(configuration);
        return Build(configuration.GetConnectionString(App), options.PasswordFile, $"ConnectionStrings:{App}", $"{DatabaseOptions.Section}:PasswordFile");
    }

    public static string ForOwner(IConfiguration configuration, DatabaseOptions options)
    {
        RejectPasswordsInFiles(configuration);
        return configuration.GetConnectionString(Owner) is { Length: > 0 } owner
            ? Build(owner, options.OwnerPasswordFile, $"ConnectionStrings:{Owner}", $"{DatabaseOptions.Section}:OwnerPasswordFile")
            : ForApp(configuration, options);
    }

    /// <summary>A password written in appsettings.json (or a --config file) would sit in plain text beside the program and in its backups.</summary>
    private static void RejectPasswordsInFiles(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers.OfType<FileConfigurationProvider>())
        {
            foreach (var name in new[] { App, Owner })
            {
                if (provider.TryGet($"ConnectionStrings:{name}", out var value) && !string.IsNullOrWhiteSpace(value)
                    && HasPassword(value))
                {
                    throw new InvalidOperationException(
                        $"ConnectionStrings:{name} in the configuration file {provider.Source.Path} holds a password; secrets are never read from it: remove the password "
                        + $"and set the whole connection string in the environment (ConnectionStrings__{name}) or name a password file ({(name == App ? "Database:PasswordFile" : "Database:OwnerPasswordFile")}).");
                }
            }
        }
    }

    private static bool HasPassword(string connectionString)
    {
        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Password);
        }
        catch (ArgumentException)
        {
            return false; // not a connection string at all: Build says so
        }
    }

    private static string Build(string? connectionString, string? passwordFile, string key, string passwordFileKey)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{key} is not set. Set it in appsettings.json without a password, or as the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{key} is not a valid connection string: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(builder.Password) && !string.IsNullOrWhiteSpace(passwordFile))
        {
            try
            {
                builder.Password = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not found, a folder, or not readable by this account (the service's user, not root).
                throw new InvalidOperationException($"{passwordFileKey}: the password file '{passwordFile}' for {key} cannot be read: {e.Message}", e);
            }
        }

        builder.ApplicationName ??= "registry-ingest";
        return builder.ConnectionString;
    }
}

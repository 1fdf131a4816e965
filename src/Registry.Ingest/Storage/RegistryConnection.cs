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

    public static string ForApp(IConfiguration configuration, DatabaseOptions options) =>
        Build(configuration.GetConnectionString(App), options.PasswordFile, $"ConnectionStrings:{App}");

    public static string ForOwner(IConfiguration configuration, DatabaseOptions options) =>
        configuration.GetConnectionString(Owner) is { Length: > 0 } owner
            ? Build(owner, options.OwnerPasswordFile, $"ConnectionStrings:{Owner}")
            : ForApp(configuration, options);

    private static string Build(string? connectionString, string? passwordFile, string key)
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
            if (!File.Exists(passwordFile))
            {
                throw new InvalidOperationException($"The password file '{passwordFile}' named for {key} does not exist.");
            }

            builder.Password = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        }

        builder.ApplicationName ??= "registry-ingest";
        return builder.ConnectionString;
    }
}

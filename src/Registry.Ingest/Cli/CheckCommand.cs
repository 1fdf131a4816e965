using System.CommandLine;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Registry.Ingest.Configuration;
using Registry.Ingest.DropFolder;
using Registry.Ingest.DropFolder.Sftp;
using Registry.Ingest.Polling;
using Registry.Ingest.Processing;
using Registry.Ingest.Storage;

namespace Registry.Ingest.Cli;

/// <summary>
/// <c>check</c>: reads the configuration and tries, now, everything the worker needs: the database
/// and its schema, the drop folder (each implementation adds its own items, e.g. SFTP server and
/// host key), the work folder. One line per item, OK or FAIL with a fix; exit 1 on any FAIL.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var command = new Command("check", "Check the configuration, database, drop folder and work folder; print OK or FAIL with a fix for each.") { config };
        command.SetAction((parse, _) =>
        {
            var items = Run(parse.GetValue(config), time);
            foreach (var item in items)
            {
                Console.WriteLine($"{(item.Ok ? "OK  " : "FAIL")}  {item.Name}: {item.Detail}");
                if (item.Fix is not null)
                {
                    Console.WriteLine($"      fix: {item.Fix}");
                }
            }

            return Task.FromResult(items.All(i => i.Ok) ? 0 : ExitCodes.CheckFailed);
        });
        return command;
    }

    public static List<CheckItem> Run(string? configPath, TimeProvider time)
    {
        const string configurationItem = "Configuration";
        IConfiguration configuration;
        try
        {
            configuration = AppConfiguration.Load(configPath);
            SerilogSetup.Create(configuration).Dispose();
            PollSchedule.Validate(OptionsValidation.BindValid<PollOptions>(configuration, PollOptions.Section), time);
            OptionsValidation.BindValid<WorkerOptions>(configuration, WorkerOptions.Section);
            var dropFolder = OptionsValidation.BindValid<DropFolderOptions>(configuration, DropFolderOptions.Section);
            if (dropFolder.Kind == DropFolderKind.Sftp)
            {
                // Its settings as the worker reads them (port, one login, secrets' files), before saying all is well.
                SftpSettings.ToConnectionOptions(configuration, dropFolder.Sftp);
            }

            OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section);
            PipelineFactory.Create(configuration, time);
        }
        catch (Exception e) when (WorkerConfiguration.IsConfigurationError(e))
        {
            return [CheckItem.Fail(configurationItem, e.Message, "Correct the setting named (appsettings.json, or its Section__Key environment variable).")];
        }

        var items = new List<CheckItem> { CheckItem.Pass(configurationItem, "every section reads and validates") };
        items.AddRange(Database(configuration));
        items.AddRange(Folder(configuration, time));
        items.Add(WorkFolder(configuration));
        return items;
    }

    private static IEnumerable<CheckItem> Database(IConfiguration configuration)
    {
        const string reachable = "Database reachable";
        const string schema = "Database schema up to date";
        string connectionString;
        try
        {
            connectionString = RegistryConnection.ForApp(configuration, OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section));
        }
        catch (InvalidOperationException e)
        {
            return [CheckItem.Fail(reachable, e.Message, "Set ConnectionStrings__Registry in the environment (with Database:PasswordFile for the password).")];
        }

        var where = new NpgsqlConnectionStringBuilder(connectionString);
        var at = $"{where.Username}@{where.Host}:{where.Port}/{where.Database}";
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            var applied = connection.Query<int>("SELECT version FROM registry.schema_migration").ToHashSet();
            var missing = Migration.Shipped().Where(m => !applied.Contains(m.Version)).Select(m => m.Name).ToList();
            return
            [
                CheckItem.Pass(reachable, at),
                missing.Count == 0
                    ? CheckItem.Pass(schema, $"{applied.Count} migration(s) applied")
                    : CheckItem.Fail(schema, $"not applied: {string.Join(", ", missing)}", "Run `registry-ingest migrate` with ConnectionStrings__RegistryOwner set (the schema owner's role)."),
            ];
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return [CheckItem.Pass(reachable, at), CheckItem.Fail(schema, "the registry schema does not exist", "Run `registry-ingest migrate` with ConnectionStrings__RegistryOwner set.")];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return
            [
                CheckItem.Pass(reachable, at),
                CheckItem.Fail(schema, $"role '{where.Username}' may not read the registry schema ({e.SqlState}: {e.MessageText})", $"Run `registry-ingest migrate` with {DatabaseOptions.Section}:AppRole set to '{where.Username}': it grants that role data access."),
            ];
        }
        catch (NpgsqlException e)
        {
            return [CheckItem.Fail(reachable, $"{at}: {e.Message}", "Check that PostgreSQL runs and listens there, and the role's password (ConnectionStrings__Registry or Database:PasswordFile).")];
        }
    }

    private static IEnumerable<CheckItem> Folder(IConfiguration configuration, TimeProvider time)
    {
        try
        {
            var options = OptionsValidation.BindValid<DropFolderOptions>(configuration, DropFolderOptions.Section);
            var polling = OptionsValidation.BindValid<PollOptions>(configuration, PollOptions.Section);
            using var folder = DropFolderFactory.Create(options, configuration, time);
            return folder.Check(Subfolders(polling));
        }
        catch (Exception e) when (WorkerConfiguration.IsConfigurationError(e))
        {
            return [CheckItem.Fail("Drop folder", e.Message, "Correct the DropFolder setting named (DropFolder:Kind, DropFolder:Path, DropFolder:Sftp:*; environment DropFolder__...).")];
        }
    }

    /// <summary>Where originals go: rejected ones always; processed ones unless they are deleted.</summary>
    private static List<Subfolder> Subfolders(PollOptions polling)
    {
        var subfolders = new List<Subfolder>();
        if (polling.OriginalsAfterProcessing == OriginalsAfterProcessing.Move)
        {
            subfolders.Add(new Subfolder(polling.ProcessedFolder, "Polling:ProcessedFolder"));
        }

        subfolders.Add(new Subfolder(polling.RejectedFolder, "Polling:RejectedFolder"));
        return subfolders;
    }

    private static CheckItem WorkFolder(IConfiguration configuration)
    {
        const string name = "Work folder writable";
        var path = OptionsValidation.BindValid<WorkerOptions>(configuration, WorkerOptions.Section).ResolvedWorkDirectory;
        try
        {
            Polling.WorkFolder.Prepare(path);
            var probe = Path.Combine(path, DropFolderNames.Temporary("check"));
            File.WriteAllText(probe, "check");
            File.Delete(probe);
            return CheckItem.Pass(name, $"{path} (owner-only)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WorkFolderUnavailableException)
        {
            return CheckItem.Fail(name, $"{path}: {e.Message}", "Set Worker:WorkDirectory to a local folder the service's account owns and may write (it holds patient data while files are processed; it is made owner-only).");
        }
    }
}

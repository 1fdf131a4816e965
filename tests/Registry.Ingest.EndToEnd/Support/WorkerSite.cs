using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// Everything one installation of the worker has: a fresh registry database, a local drop folder
/// named like the real one (with spaces), a work folder, a configuration file whose file sink writes
/// JSON lines, and the worker started against them with settings in the environment
/// (<c>Section__Key</c>), as the systemd unit's env file gives them.
/// </summary>
internal sealed class WorkerSite : IAsyncDisposable
{
    private readonly TempFolder root;

    private WorkerSite(TempFolder root, RegistryDatabase database)
    {
        this.root = root;
        Database = database;
        FolderPath = Directory.CreateDirectory(root.Combine("ICARE HL7 EXCHANGE")).FullName;
        WorkDirectory = root.Combine("work");
        LogDirectory = root.Combine("logs");
        ConfigPath = root.Combine("registry-ingest.json");
        File.WriteAllText(ConfigPath, ConfigurationFile(Path.Combine(LogDirectory, "registry-ingest-.json")));
    }

    public RegistryDatabase Database { get; }

    public string FolderPath { get; }

    public string WorkDirectory { get; }

    public string LogDirectory { get; }

    public string ConfigPath { get; }

    public static async Task<WorkerSite> CreateAsync([CallerMemberName] string caller = "") =>
        new(TempFolder.ForCaller(caller), await RegistryDatabase.CreateAsync());

    /// <summary>The worker's settings: a file is taken on first sight unless a test says otherwise.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Registry"] = Database.AppConnectionString,
            ["DropFolder__Kind"] = "Local",
            ["DropFolder__Path"] = FolderPath,
            ["Worker__WorkDirectory"] = WorkDirectory,
            ["Polling__StableFor"] = "00:00:00",
            ["Polling__UnterminatedStableFor"] = "00:00:00",
            ["Polling__Interval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Starts <c>registry-ingest VERB --config FILE</c> and returns at once.</summary>
    public WorkerProcess Start(string verb, IReadOnlyDictionary<string, string>? settings = null) =>
        WorkerProcess.Start(root.Path, [verb, "--config", ConfigPath], Environment(settings));

    /// <summary>One poll: <c>registry-ingest once</c> to the end.</summary>
    public CliResult Once(IReadOnlyDictionary<string, string>? settings = null)
    {
        using var worker = Start("once", settings);
        try
        {
            return worker.WaitForExit(Eventually.Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nServer sessions on the database:\n{string.Join('\n', Database.Activity())}", e);
        }
    }

    public string PathOf(string name, string? subfolder = null) =>
        subfolder is null ? Path.Combine(FolderPath, name) : Path.Combine(FolderPath, subfolder, name);

    public void Drop(string name, byte[] content) => File.WriteAllBytes(PathOf(name), content);

    public void DropSample(string name) => File.Copy(RepositoryFiles.Path("sample-files", name), PathOf(name));

    /// <summary>Every name directly in the drop folder (or a subfolder of it), hidden ones included, sorted.</summary>
    public List<string> Files(string? subfolder = null)
    {
        var path = subfolder is null ? FolderPath : Path.Combine(FolderPath, subfolder);
        return Directory.Exists(path) ? Directory.GetFiles(path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Every file under the drop folder with its size and time, to tell whether anything changed.</summary>
    public List<string> Snapshot() =>
        Directory.EnumerateFiles(FolderPath, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Select(f => $"{Path.GetRelativePath(FolderPath, f.FullName)} {f.Length} {f.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>What the file sink wrote, one JSON object per event (Serilog's JsonFormatter).</summary>
    public List<LogEvent> LogEvents() =>
        !Directory.Exists(LogDirectory) ? [] :
        Directory.GetFiles(LogDirectory).Order(StringComparer.Ordinal)
            .SelectMany(ReadShared)
            .Where(line => line.Length > 0)
            .Select(line => new LogEvent(JsonDocument.Parse(line).RootElement.Clone()))
            .ToList();

    /// <summary>The log files' text as written, for searching it for patient data.</summary>
    public string LogText() =>
        string.Concat(Directory.GetFiles(LogDirectory).Order(StringComparer.Ordinal).Select(f => string.Join('\n', ReadShared(f))));

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        root.Dispose();
    }

    // The sink may hold the file open while a worker runs.
    private static List<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static string ConfigurationFile(string logPath) =>
        $$"""
        {
          "Serilog": {
            "MinimumLevel": {
              "Default": "Information",
              "Override": { "Microsoft": "Warning", "Quartz": "Warning", "Registry.Ingest.Polling.OutageLog": "Debug" }
            },
            "WriteTo": {
              "Console": { "Name": "Console" },
              "File": {
                "Name": "File",
                "Args": { "path": {{JsonSerializer.Serialize(logPath)}}, "rollingInterval": "Day", "formatter": "Serilog.Formatting.Json.JsonFormatter, Serilog" }
              }
            }
          }
        }
        """;
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Ingest.Configuration;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Processing;
using Registry.Ingest.Storage;

namespace Registry.Ingest.Polling;

/// <summary>
/// The worker's parts, built from configuration at once (so a bad setting fails at start, naming
/// its key) and registered as singletons; <c>run</c> and <c>once</c> share them.
/// </summary>
internal static class WorkerServices
{
    public static PollOptions Add(IServiceCollection services, IConfiguration configuration, TimeProvider time)
    {
        var poll = OptionsValidation.BindValid<PollOptions>(configuration, PollOptions.Section);
        var worker = OptionsValidation.BindValid<WorkerOptions>(configuration, WorkerOptions.Section);
        var folderOptions = OptionsValidation.BindValid<DropFolderOptions>(configuration, DropFolderOptions.Section);
        PollSchedule.Validate(poll, time);
        var database = OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var connectionString = RegistryConnection.ForApp(configuration, database);
        var processor = PipelineFactory.CreateWithStorage(configuration, time, durableOutputs: false);
        var folder = DropFolderFactory.Create(folderOptions, configuration, time);

        services.AddSingleton(time);
        services.AddSingleton(poll);
        services.AddSingleton(worker);
        services.AddSingleton(processor);
        services.AddSingleton(folder);
        services.AddSingleton(new DropFileStore(connectionString, folder.Location, time));
        services.AddSingleton(sp => new OutageLog(sp.GetRequiredService<ILogger<OutageLog>>(), time));
        services.AddSingleton<DropFolderPoller>();
        return poll;
    }
}

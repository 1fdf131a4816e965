using Microsoft.Extensions.Configuration;
using Registry.Ingest.Configuration;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Storage;

namespace Registry.Ingest.Processing;

/// <summary>Builds the file processor from configuration; a bad setting throws naming its key.</summary>
internal static class PipelineFactory
{
    /// <param name="mode">ValidateOnly for <c>validate</c>; Records once the pipeline stores what it reads.</param>
    public static BatchFileProcessor Create(IConfiguration configuration, TimeProvider time, string? profileOverride = null, VxuReadMode mode = VxuReadMode.ValidateOnly) =>
        Create(configuration, time, profileOverride, mode, store: false, durableOutputs: true);

    /// <summary>The ingest pipeline: reads records and stores them in the configured database.</summary>
    /// <param name="durableOutputs">See <see cref="BatchFileProcessor.DurableOutputs"/>: false for the worker's staging folder.</param>
    /// <param name="connectAhead">See <see cref="IngestStorage.ConnectAhead"/>: for a command that stores files at once.</param>
    public static BatchFileProcessor CreateWithStorage(IConfiguration configuration, TimeProvider time, string? profileOverride = null, bool durableOutputs = true, bool connectAhead = false) =>
        Create(configuration, time, profileOverride, VxuReadMode.Records, store: true, durableOutputs, connectAhead);

    private static BatchFileProcessor Create(IConfiguration configuration, TimeProvider time, string? profileOverride, VxuReadMode mode, bool store, bool durableOutputs, bool connectAhead = false)
    {
        var validation = Bind<ValidationOptions>(configuration, ValidationOptions.Section);
        if (profileOverride is not null)
        {
            validation.Profile = profileOverride;
        }

        var policy = ValidationPolicy.From(validation);
        IngestStorage? storage = null;
        int chunkSize = 1;
        if (store)
        {
            var database = OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section);

            storage = new IngestStorage(RegistryConnection.ForApp(configuration, database), database, policy, time);
            if (connectAhead)
            {
                storage.ConnectAhead(); // while the code tables load
            }

            chunkSize = database.ChunkSize;
        }

        var tableOptions = Bind<CodeTableOptions>(configuration, CodeTableOptions.Section);
        var tables = CodeTableLoader.Load(string.IsNullOrWhiteSpace(tableOptions.Directory) ? null : tableOptions.Directory);
        var ack = Bind<AcknowledgementOptions>(configuration, AcknowledgementOptions.Section);
        var ackOptions = new Hl7AckOptions
        {
            Application = new Hl7HierarchicDesignator(ack.Application),
            Facility = new Hl7HierarchicDesignator(ack.Facility),
            FileLineEnding = ack.LineEnding.ToUpperInvariant() switch
            {
                "CR" => Hl7LineEnding.Cr,
                "CRLF" => Hl7LineEnding.CrLf,
                _ => throw new InvalidOperationException($"{AcknowledgementOptions.Section}:LineEnding: '{ack.LineEnding}' is not CR or CRLF."),
            },
        };
        return new BatchFileProcessor(new VxuValidator(tables, policy, time, mode), ackOptions, time, storage, chunkSize, durableOutputs);
    }

    /// <summary>Binds a section strictly: an unknown key or a bad value throws, naming the section.</summary>
    internal static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        var settings = configuration.GetSection(section);
        try
        {
            settings.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(SettingErrors.Explain(e.Message, typeof(T), section, settings) ?? $"{section}: {e.Message}", e);
        }

        SettingErrors.CheckTimeSpans(settings, typeof(T));
        return options;
    }
}

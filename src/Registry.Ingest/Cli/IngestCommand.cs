using System.CommandLine;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Cli;

/// <summary><c>ingest</c>: the full pipeline on local files: store, then write each file's ACK file and report.</summary>
internal static class IngestCommand
{
    public static Command Create(TimeProvider time) => FileCommand.Create(
        "ingest",
        "Store batch files in the registry database and write each file's ACK file and report (same outputs and exit codes as validate).",
        (configuration, profile) => PipelineFactory.CreateWithStorage(configuration, time, profile, connectAhead: true));
}

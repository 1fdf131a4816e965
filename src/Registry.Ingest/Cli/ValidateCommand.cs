using System.CommandLine;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Cli;

/// <summary><c>validate</c>: the worker's pipeline minus storage; writes each file's ACK file and report.</summary>
internal static class ValidateCommand
{
    public static Command Create(TimeProvider time) => FileCommand.Create(
        "validate",
        "Validate batch files offline: write each file's ACK file and report, store nothing.",
        (configuration, profile) => PipelineFactory.Create(configuration, time, profile));
}

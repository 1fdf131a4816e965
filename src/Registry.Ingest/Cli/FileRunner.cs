using System.Globalization;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Cli;

/// <summary>Runs one file and prints one line about it: file name, outcome and counts, no patient data.</summary>
internal static class FileRunner
{
    public static int Run(BatchFileProcessor processor, string path, string outputDirectory, CancellationToken cancellationToken)
    {
        var name = FileNameText.Quote(Path.GetFileName(path));
        try
        {
            var outcome = processor.Process(path, outputDirectory, cancellationToken);
            Console.WriteLine(Describe(name, outcome));
            if (outcome.Processed && outcome.Counts.FirstInternalError is { } failure)
            {
                Console.Error.WriteLine($"{name}: {outcome.Counts.InternalErrors} message(s) could not be checked because of an error in Registry.Ingest itself (message-internal-error, answered AR 207); the first, {failure}");
            }

            if (outcome.Timings is not null && Environment.GetEnvironmentVariable("REGISTRY_INGEST_TIMINGS") == "1")
            {
                Console.Error.WriteLine($"{name}: {outcome.Timings}");
            }

            return outcome.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"{name}: not processed: {e.Message}");
            return ExitCodes.SomeFilesNotProcessed;
        }
    }

    private static string Describe(string name, FileOutcome outcome)
    {
        if (!outcome.Processed)
        {
            return $"{name}: NOT PROCESSED ({outcome.NotProcessedReason}) report {outcome.ReportPath}";
        }

        var c = outcome.Counts;
        if (outcome.DuplicateOf is not null)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{name}: DUPLICATE of {FileNameText.Quote(outcome.DuplicateOf)}, nothing stored again; original ACK repeated ({c.MessagesRead} messages: AA {c.AckAa}, AE {c.AckAe}, AR {c.AckAr}); ack {outcome.AckPath}; report {outcome.ReportPath}");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {c.MessagesRead} messages: AA {c.AckAa}, AE {c.AckAe}, AR {c.AckAr}; vaccinations accepted {c.VaccinationsAccepted}, dropped {c.VaccinationsDropped}; ack {outcome.AckPath}; report {outcome.ReportPath}");
    }
}

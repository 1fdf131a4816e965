using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Registry.Ingest.Configuration;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Cli;

/// <summary>
/// The shape <c>validate</c> and <c>ingest</c> share: <c>&lt;file-or-directory&gt;... --out &lt;dir&gt;
/// [--profile icare|ndiis] [--config &lt;file&gt;]</c>, the same outputs and the same exit codes.
/// </summary>
internal static class FileCommand
{
    public static Command Create(string name, string description, Func<IConfiguration, string?, BatchFileProcessor> pipeline)
    {
        var paths = new Argument<string[]>("file-or-directory")
        {
            Description = "Batch files, or folders whose files are all taken.",
            Arity = ArgumentArity.OneOrMore,
        };

        // System.CommandLine hands an unknown option (--verbose) to this argument as a path; it is a usage error.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
            {
                result.AddError($"Unrecognized option '{token.Value}' (for a file whose name starts with '-', write ./{token.Value}).");
            }
        });
        var output = new Option<string>("--out")
        {
            Description = "Folder for <name>.ack.txt and <name>.report.txt (created if missing).",
            Required = true,
        };
        var profile = new Option<string?>("--profile") { Description = "Validation profile: icare (default) or ndiis." };
        profile.AcceptOnlyFromAmong([.. ValidationProfiles.Names]);
        var config = CommonOptions.Config();
        var command = new Command(name, description) { paths, output, profile, config };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetRequiredValue(paths), parse.GetRequiredValue(output), parse.GetValue(profile), parse.GetValue(config), pipeline, cancellationToken)));
        return command;
    }

    private static int Run(string[] paths, string outputDirectory, string? profile, string? configPath, Func<IConfiguration, string?, BatchFileProcessor> pipeline, CancellationToken cancellationToken)
    {
        BatchFileProcessor processor;
        try
        {
            processor = pipeline(AppConfiguration.Load(configPath), profile);
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or IOException or InvalidDataException or CodeTableLoadException)
        {
            Console.Error.WriteLine($"Configuration error: {e.Message}");
            return ExitCodes.ConfigurationError;
        }

        var files = InputFiles.Expand(paths, out var missing);
        foreach (var path in missing)
        {
            Console.Error.WriteLine($"{path}: no such file or folder");
        }

        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out {outputDirectory}: cannot be used as the folder for ACK files and reports: {e.Message}");
            return ExitCodes.Usage;
        }

        int exitCode = missing.Count > 0 ? ExitCodes.SomeFilesNotProcessed : ExitCodes.AllAccepted;
        // Outputs are named after their input: a second input of the same name would overwrite the first's.
        var names = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!names.Add(Path.GetFileName(file)))
            {
                Console.Error.WriteLine($"{file}: skipped, an earlier input has the same name and its ACK file and report would be overwritten");
                exitCode = Math.Max(exitCode, ExitCodes.SomeFilesNotProcessed);
                continue;
            }

            try
            {
                exitCode = Math.Max(exitCode, FileRunner.Run(processor, file, outputDirectory, cancellationToken));
            }
            catch (NpgsqlException e)
            {
                // The database is unreachable or failed: the file's transaction was rolled back and
                // nothing was written for it; later files would fail the same way.
                Console.Error.WriteLine($"Database error, stopped before {Path.GetFileName(file)}: {e.Message}");
                return ExitCodes.DatabaseUnavailable;
            }
        }

        if (files.Count == 0 && missing.Count == 0)
        {
            Console.Error.WriteLine("No files given.");
        }

        return exitCode;
    }
}

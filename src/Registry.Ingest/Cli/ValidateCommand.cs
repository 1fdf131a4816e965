using System.CommandLine;
using Registry.Ingest.Configuration;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Cli;

/// <summary>
/// <c>validate &lt;file-or-directory&gt;... --out &lt;dir&gt; [--profile icare|ndiis]</c>: each file goes
/// through the worker's pipeline minus storage, leaving its ACK file and report in the out folder.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TimeProvider time)
    {
        var paths = new Argument<string[]>("file-or-directory")
        {
            Description = "Batch files, or folders whose files are all validated.",
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

        var command = new Command("validate", "Validate batch files offline: write each file's ACK file and report, store nothing.")
        {
            paths, output, profile, config,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetRequiredValue(paths), parse.GetRequiredValue(output), parse.GetValue(profile), parse.GetValue(config), time, cancellationToken)));
        return command;
    }

    private static int Run(string[] paths, string outputDirectory, string? profile, string? configPath, TimeProvider time, CancellationToken cancellationToken)
    {
        BatchFileProcessor processor;
        try
        {
            processor = PipelineFactory.Create(AppConfiguration.Load(configPath), time, profile);
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

        Directory.CreateDirectory(outputDirectory);
        int exitCode = missing.Count > 0 ? ExitCodes.SomeFilesNotProcessed : ExitCodes.AllAccepted;
        foreach (var file in files)
        {
            exitCode = Math.Max(exitCode, FileRunner.Run(processor, file, outputDirectory, cancellationToken));
        }

        if (files.Count == 0 && missing.Count == 0)
        {
            Console.Error.WriteLine("No files to validate.");
        }

        return exitCode;
    }
}

using System.CommandLine;
using Registry.Ingest.Cli;

var root = new RootCommand("Registry.Ingest: batch ingestion of HL7 v2 immunization (VXU) files.")
{
    ValidateCommand.Create(TimeProvider.System),
    IngestCommand.Create(TimeProvider.System),
    MigrateCommand.Create(TimeProvider.System),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine();
    var command = parse.CommandResult.Command;
    root.Parse(command == root ? ["--help"] : [command.Name, "--help"]).Invoke();
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();

using System.CommandLine;
using Registry.Ingest.Cli;
using Registry.Ingest.Configuration;
using Registry.Ingest.Hosting;
using Serilog;

// Bootstrap only: the verbs build their own configuration, logger and (for run) the host.
Log.Logger = SerilogSetup.Bootstrap();
try
{
    var root = new RootCommand("Registry.Ingest: batch ingestion of HL7 v2 immunization (VXU) files.")
    {
        ValidateCommand.Create(TimeProvider.System),
        IngestCommand.Create(TimeProvider.System),
        MigrateCommand.Create(TimeProvider.System),
        RunCommand.Create(TimeProvider.System),
        OnceCommand.Create(TimeProvider.System),
        CheckCommand.Create(TimeProvider.System),
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

    // A stopping service gets time to finish or abandon its current file cleanly (StopBudget). At
    // 30 s a big file being stored was cut off before the host's own budget was spent, without
    // the worker's stop log.
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopBudget.ProcessTermination });
}
#pragma warning disable CA1031 // The last line of defence: log it, exit 1.
catch (Exception e)
#pragma warning restore CA1031
{
    Log.Fatal(e, "registry-ingest stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

namespace Registry.Ingest.DropFolder;

/// <summary>Why a file name is not a batch file name: the rule broken and a message for the clinic that states the naming rule.</summary>
internal sealed record BatchFileNameError(BatchFileNameRule Rule, string Message);

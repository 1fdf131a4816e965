namespace Registry.Ingest.Cli;

/// <summary>Process exit codes; <c>validate</c> and <c>ingest</c> share them, the worker verbs add theirs.</summary>
internal static class ExitCodes
{
    /// <summary>Every message got AA.</summary>
    public const int AllAccepted = 0;

    /// <summary>Some message got AE or AR.</summary>
    public const int SomeMessagesNotAccepted = 1;

    /// <summary>Some file was not processed (bad name, empty, not text, no MSH, unreadable).</summary>
    public const int SomeFilesNotProcessed = 2;

    /// <summary>The database could not be reached or refused the work (BSD sysexits EX_UNAVAILABLE).</summary>
    public const int DatabaseUnavailable = 69;

    /// <summary><c>once</c>: the drop folder could not be reached (BSD sysexits EX_IOERR).</summary>
    public const int DropFolderUnavailable = 74;

    /// <summary><c>once</c>: some file failed and stays in the drop folder for the next poll (EX_TEMPFAIL).</summary>
    public const int FilesToRetry = 75;

    /// <summary><c>check</c>: some item failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad configuration (a setting that fails at start).</summary>
    public const int ConfigurationError = 78;

    /// <summary>The command line was wrong (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;
}

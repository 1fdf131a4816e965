namespace Registry.Ingest.Cli;

/// <summary>Process exit codes; <c>validate</c> and <c>ingest</c> share them.</summary>
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

    /// <summary>Bad configuration (a setting that fails at start).</summary>
    public const int ConfigurationError = 78;

    /// <summary>The command line was wrong (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;
}

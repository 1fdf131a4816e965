namespace Registry.Ingest.Polling;

/// <summary>How far a drop folder file has got; each step is recorded once done, so a crash resumes after the last one.</summary>
internal enum DropFileStep
{
    /// <summary>Listed, waiting for its size and time to stay the same for StableFor.</summary>
    Seen,

    /// <summary>Copied to the work folder and hashed; the pipeline may or may not have committed.</summary>
    Downloaded,

    /// <summary>The pipeline committed: submission_file holds the report and ACK to send back.</summary>
    Stored,

    /// <summary>ACK and report are in place in the drop folder.</summary>
    Acked,

    /// <summary>The original was moved (or deleted); nothing is left to do.</summary>
    Done,
}

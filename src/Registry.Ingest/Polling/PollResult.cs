namespace Registry.Ingest.Polling;

/// <summary>What one poll did, for <c>once</c>'s exit code and the log.</summary>
internal sealed class PollResult
{
    /// <summary>Files whose work ended this poll (processed, duplicate, rejected or given up on).</summary>
    public int Finished { get; set; }

    /// <summary>Processed files, duplicates of processed files among them.</summary>
    public int Processed { get; set; }

    /// <summary>Of <see cref="Processed"/>, the files that repeated a processed file (nothing stored again).</summary>
    public int Duplicates { get; set; }

    public int Rejected { get; set; }

    /// <summary>Files removed from the folder by the clinic before they were stored (nothing stored).</summary>
    public int Withdrawn { get; set; }

    /// <summary>Files that failed this poll and stay in the folder for the next.</summary>
    public int Retrying { get; set; }

    /// <summary>Files seen but not yet stable, or over the per-poll limit.</summary>
    public int Waiting { get; set; }

    /// <summary>
    /// When the first file seen but not yet stable will have been unchanged for <c>StableFor</c>,
    /// if it stays so; null when no file is waiting to settle.
    /// </summary>
    public DateTimeOffset? NextStableAt { get; set; }

    public bool DatabaseUnavailable { get; set; }

    /// <summary>Another worker of the registry database held the poll: this one did nothing.</summary>
    public bool OtherWorkerPolling { get; set; }

    public bool DropFolderUnavailable { get; set; }

    /// <summary>True when every file taken was dealt with and nothing was unreachable.</summary>
    public bool Complete => Retrying == 0 && !DatabaseUnavailable && !DropFolderUnavailable;
}

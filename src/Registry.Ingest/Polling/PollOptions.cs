using System.ComponentModel.DataAnnotations;

namespace Registry.Ingest.Polling;

/// <summary>The <c>Polling</c> section: when the drop folder is polled and what happens to what is found.</summary>
internal sealed class PollOptions : IValidatableObject
{
    public const string Section = "Polling";

    /// <summary>Time between polls (the next starts this long after the previous started; runs never overlap).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Quartz cron expression (e.g. <c>0 0/5 * * * ?</c>); when set it replaces <see cref="Interval"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>How long a file's size and modification time must stay the same before it is taken.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StableFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a file that ends in the middle of a line (its last byte no CR or LF, or no byte at
    /// all) must stay the same before it is taken, when that is longer than <see cref="StableFor"/>:
    /// such a file is most likely an upload that paused (a lost connection, a client that will
    /// resume), and one taken then was stored cut short. Complete files nearly always end with a
    /// segment terminator; those that do not wait this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UnterminatedStableFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one of our own temporary uploads (an ACK or report cut off before its rename, by a
    /// crash or a lost connection) must stay unchanged before a poll deletes it. At least 5 minutes:
    /// well above the SFTP operation timeout, so a slow upload still alive is never taken for one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan RemoveCutUploadsAfter { get; set; } = TimeSpan.FromMinutes(15);

    private const string FolderName = @"^(?!\.{1,2}$)[^/\\\x00-\x1F]+$";
    private const string FolderNameRule = "must be the name of a folder directly inside the drop folder (no '/' or '\\')";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(FolderName, ErrorMessage = FolderNameRule)]
    public string ProcessedFolder { get; set; } = "processed";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(FolderName, ErrorMessage = FolderNameRule)]
    public string RejectedFolder { get; set; } = "rejected";

    public OriginalsAfterProcessing OriginalsAfterProcessing { get; set; } = OriginalsAfterProcessing.Move;

    /// <summary>Files taken per poll; the rest wait for the next.</summary>
    [Range(1, 100_000)]
    public int MaxFilesPerPoll { get; set; } = 100;

    /// <summary>Failed attempts (not counting outages) before a file is moved to the rejected folder with an internal-error report.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Whether <paramref name="name"/> is one of the subfolders: a file of that name is never a clinic's upload.</summary>
    public bool IsSubfolderName(string name) => SameFolder(name, ProcessedFolder) || SameFolder(name, RejectedFolder);

    /// <summary>As a server that ignores case and Windows' trailing dots and spaces would take them: "Rejected." is "rejected".</summary>
    private static bool SameFolder(string a, string b) =>
        string.Equals(a.TrimEnd('.', ' '), b.TrimEnd('.', ' '), StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // One folder for both would mix what was stored with what was refused (and a server that
        // ignores case or, as Windows, trailing dots and spaces takes "Rejected." and "rejected" for one).
        if (SameFolder(ProcessedFolder, RejectedFolder))
        {
            yield return new ValidationResult($"must differ from {Section}:{nameof(ProcessedFolder)} ('{ProcessedFolder}'): stored and refused originals are kept apart", [nameof(RejectedFolder)]);
        }
    }
}

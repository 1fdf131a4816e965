namespace Registry.Ingest.Polling;

/// <summary>What the pipeline recorded for a file: its status and the report and ACK (a duplicate's is its original's) to send back.</summary>
internal sealed record SubmissionOutputs(string Status, string ReportText, string? AckText)
{
    /// <summary>The file was not processed (bad name, empty, not text, no MSH): it goes to the rejected folder.</summary>
    public bool Rejected => Status == "rejected";
}

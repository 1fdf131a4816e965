using System.Text.RegularExpressions;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>One file ingested into a folder of its own, with the ACK file and report it left there.</summary>
internal sealed partial class IngestRun
{
    private IngestRun(string fileName, FileOutcome outcome, string outputDirectory)
    {
        FileName = fileName;
        Outcome = outcome;
        OutputDirectory = outputDirectory;
    }

    public string FileName { get; }

    public FileOutcome Outcome { get; }

    public string OutputDirectory { get; }

    public string AckPath => Outcome.AckPath ?? throw new InvalidOperationException($"No ACK file was written for {FileName}.");

    public string ReportPath => Outcome.ReportPath;

    public byte[] AckBytes => File.ReadAllBytes(AckPath);

    public string Ack => File.ReadAllText(AckPath);

    public string Report => File.ReadAllText(ReportPath);

    /// <summary>The ACK file with our random MSH-10 prefix (<c>R0A1B2C3D4E5F.3</c>) replaced by <c>R*</c>, for comparing runs.</summary>
    public string AckWithoutControlIds => AckControlId().Replace(Ack, "|R*");

    /// <summary>The ACK file read back: MSA-1 per message, segments.</summary>
    public AckFileText ParsedAck => AckFileText.Parse(Ack);

    /// <summary>The segments of the ACK for the message with this control id: MSH, MSA and its ERRs.</summary>
    public IReadOnlyList<string> AckFor(string controlId)
    {
        var segments = ParsedAck.Segments;
        for (int i = 0; i + 1 < segments.Count; i++)
        {
            if (segments[i].StartsWith("MSH|", StringComparison.Ordinal) && segments[i + 1].Split('|').ElementAtOrDefault(2) == controlId)
            {
                return segments.Skip(i).TakeWhile((s, n) => n == 0 || !s.StartsWith("MSH|", StringComparison.Ordinal))
                    .Where(s => !s.StartsWith("BTS|", StringComparison.Ordinal) && !s.StartsWith("FTS|", StringComparison.Ordinal)).ToList();
            }
        }

        throw new InvalidOperationException($"The ACK file has no ACK for {controlId}.");
    }

    /// <param name="onePass">Hand the file over as a stream that cannot seek and gives few bytes a read, like a download still arriving.</param>
    public static IngestRun Of(BatchFileProcessor processor, string fileName, byte[] file, string outputDirectory, bool onePass = false)
    {
        Directory.CreateDirectory(outputDirectory);
        using Stream input = onePass ? new TricklingStream(new MemoryStream(file, writable: false)) : new MemoryStream(file, writable: false);
        var outcome = processor.Process(input, fileName, outputDirectory);
        return new IngestRun(fileName, outcome, outputDirectory);
    }

    // Ours in MSH-10 (R….N), FHS-11 (R…) and BHS-11 (R….B).
    [GeneratedRegex(@"\|R[0-9A-F]{12}(?=[.|\r\n])")]
    private static partial Regex AckControlId();
}

using System.Globalization;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Processing;

/// <summary>The tallies at the top of a report.</summary>
internal sealed class FileCounts
{
    public int MessagesRead { get; private set; }

    /// <summary>Stored whole, nothing to fix.</summary>
    public int Accepted { get; private set; }

    /// <summary>Stored whole, with warnings worth fixing.</summary>
    public int AcceptedWithWarnings { get; private set; }

    /// <summary>Stored, but one or more vaccinations were dropped.</summary>
    public int AcceptedInPart { get; private set; }

    /// <summary>Nothing from the message was stored.</summary>
    public int Rejected { get; private set; }

    /// <summary>The messages not rejected: accepted whole, with warnings or in part.</summary>
    public int AcceptedMessages => Accepted + AcceptedWithWarnings + AcceptedInPart;

    public int AckAa { get; private set; }

    public int AckAe { get; private set; }

    public int AckAr { get; private set; }

    public int VaccinationsAccepted { get; private set; }

    public int VaccinationsDropped { get; private set; }

    /// <summary>Accepted messages with processing id T (training) or D (debug): validated and acknowledged, never stored.</summary>
    public int TestOrDebug { get; private set; }

    /// <summary>Of <see cref="VaccinationsAccepted"/>, those in <see cref="TestOrDebug"/> messages: accepted, not stored.</summary>
    public int VaccinationsInTestOrDebug { get; private set; }

    /// <summary>Messages whose checking failed in the registry's own code (<c>message-internal-error</c>).</summary>
    public int InternalErrors { get; private set; }

    /// <summary>
    /// The first of those, for the operator's log: its number, control id and where in our code it
    /// failed (the exception's type and stack, never its message, which may quote the data).
    /// </summary>
    public string? FirstInternalError { get; private set; }

    private readonly Dictionary<ValidationRule, RuleTally> rules = [];

    /// <summary>
    /// Each rule that fired in the file's messages, with its highest severity, the messages it
    /// fired in and how often: most messages first, then errors before warnings, then by id.
    /// </summary>
    public IReadOnlyList<RuleTally> RulesByFrequency =>
        [.. rules.Values.OrderByDescending(t => t.Messages).ThenBy(t => t.Severity).ThenBy(t => t.Rule.Id, StringComparer.Ordinal)];

    /// <summary>The counts a stored file had, for a duplicate that repeats its outcome.</summary>
    public static FileCounts Restore(int messagesRead, int aa, int ae, int ar, int vaccinationsAccepted, int vaccinationsDropped) => new()
    {
        MessagesRead = messagesRead,
        AckAa = aa,
        AckAe = ae,
        AckAr = ar,
        VaccinationsAccepted = vaccinationsAccepted,
        VaccinationsDropped = vaccinationsDropped,
    };

    /// <param name="processingId">The message's MSH-11, as its ACK echoes it.</param>
    public void Add(MessageResult result, string processingId)
    {
        MessagesRead++;
        switch (result.AckCode)
        {
            case AckCode.AA: AckAa++; break;
            case AckCode.AE: AckAe++; break;
            default: AckAr++; break;
        }

        VaccinationsAccepted += result.VaccinationsAccepted;
        VaccinationsDropped += result.VaccinationsDropped;
        Tally(result.Issues);
        if (result.Failure is { } failure)
        {
            InternalErrors++;
            FirstInternalError ??= string.Create(CultureInfo.InvariantCulture, $"message {result.Number} (control id {result.ControlId}, line {result.FirstLine}): {failure.GetType().FullName}{Environment.NewLine}{failure.StackTrace}");
        }

        if (result.Stored && processingId is "T" or "D")
        {
            TestOrDebug++;
            VaccinationsInTestOrDebug += result.VaccinationsAccepted;
        }

        if (!result.Stored)
        {
            Rejected++;
        }
        else if (result.VaccinationsDropped > 0 || result.HasErrors)
        {
            AcceptedInPart++;
        }
        else if (result.HasWarnings)
        {
            AcceptedWithWarnings++;
        }
        else
        {
            Accepted++;
        }
    }

    /// <summary>Counts this message (number <see cref="MessagesRead"/>) in each of its rules' tallies: one pass, whatever its issues.</summary>
    private void Tally(IReadOnlyList<ValidationIssue> issues)
    {
        foreach (var issue in issues)
        {
            if (!rules.TryGetValue(issue.Rule, out var tally))
            {
                rules[issue.Rule] = tally = new RuleTally(issue.Rule);
            }

            tally.Count(issue.Severity, MessagesRead);
        }
    }
}

/// <summary>A rule across a file: its highest severity, the messages it fired in, how often in all.</summary>
internal sealed class RuleTally(ValidationRule rule)
{
    private int lastMessage;

    public ValidationRule Rule => rule;

    /// <summary>The highest severity it was reported with (Error is the lowest value).</summary>
    public Severity Severity { get; private set; } = Severity.Off;

    public int Messages { get; private set; }

    public int Times { get; private set; }

    public void Count(Severity severity, int message)
    {
        Severity = severity < Severity ? severity : Severity;
        Messages += message == lastMessage ? 0 : 1;
        lastMessage = message;
        Times++;
    }
}

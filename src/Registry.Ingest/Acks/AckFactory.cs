using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Acks;

/// <summary>Turns the outcome of one message into its acknowledgement.</summary>
internal static class AckFactory
{
    /// <summary>The ACK of a parsed message: what it echoes is read from the message's MSH.</summary>
    public static Hl7Ack Create(Hl7Message message, MessageResult result, string controlId, DateTimeOffset timestamp) =>
        Hl7Ack.For(message, Code(result), controlId, timestamp, Errors(result, Hl7Ack.AnswersVersion231(Hl7Ack.IncomingVersionOf(message))));

    /// <summary>The ACK of a message that could not be parsed: what it echoes was read best-effort from its first line.</summary>
    public static Hl7Ack Create(Hl7MessageHeader header, MessageResult result, string controlId, DateTimeOffset timestamp) => new()
    {
        Code = Code(result),
        ControlId = controlId,
        Timestamp = timestamp,
        IncomingControlId = header.ControlId,
        IncomingControlIdAsSent = header.ControlIdAsSent,
        IncomingVersion = header.Version,
        IncomingProcessingId = header.ProcessingId,
        IncomingSendingApplication = Hl7HierarchicDesignator.Of(header.SendingApplication),
        IncomingSendingFacility = Hl7HierarchicDesignator.Of(header.SendingFacility),
        IncomingReceivingApplication = Hl7HierarchicDesignator.Of(header.ReceivingApplication),
        IncomingReceivingFacility = Hl7HierarchicDesignator.Of(header.ReceivingFacility),
        Errors = Errors(result, Hl7Ack.AnswersVersion231(header.Version)),
    };

    /// <summary>The same ACK with the code and errors of a result that the database added to.</summary>
    public static Hl7Ack WithResult(Hl7Ack ack, MessageResult result) => new()
    {
        Code = Code(result),
        ControlId = ack.ControlId,
        Timestamp = ack.Timestamp,
        IncomingControlId = ack.IncomingControlId,
        IncomingControlIdAsSent = ack.IncomingControlIdAsSent,
        IncomingVersion = ack.IncomingVersion,
        IncomingProcessingId = ack.IncomingProcessingId,
        IncomingSendingApplication = ack.IncomingSendingApplication,
        IncomingSendingFacility = ack.IncomingSendingFacility,
        IncomingReceivingApplication = ack.IncomingReceivingApplication,
        IncomingReceivingFacility = ack.IncomingReceivingFacility,
        Errors = Errors(result, Hl7Ack.AnswersVersion231(ack.IncomingVersion)),
    };

    private static Hl7AckCode Code(MessageResult result) => result.AckCode switch
    {
        AckCode.AA => Hl7AckCode.Accept,
        AckCode.AE => Hl7AckCode.Error,
        _ => Hl7AckCode.Reject,
    };

    private static readonly List<Hl7AckError> NoErrors = [];

    private static List<Hl7AckError> Errors(MessageResult result, bool version231)
    {
        if (result.Issues.Count == 0)
        {
            return NoErrors;
        }

        var errors = new List<Hl7AckError>(result.Issues.Count);
        var issues = ReportWriter.InLineOrder(result.Issues);
        for (int i = 0; i < issues.Count; i++)
        {
            var issue = issues[i];
            if (issue.Rule.Scope == RuleScope.File || issue.Severity == Severity.Off)
            {
                continue;
            }

            var severity = issue.Severity switch
            {
                Severity.Error => Hl7ErrorSeverity.Error,
                Severity.Warning => Hl7ErrorSeverity.Warning,
                _ => Hl7ErrorSeverity.Information,
            };
            errors.Add(new Hl7AckError(issue.Location, issue.Hl7ErrorCode, severity, UserMessage(issue, version231), issue.ApplicationErrorCode));
        }

        return errors;
    }

    /// <summary>
    /// ERR-8: the problem, then what to do, with the rule id so support can look it up; within the
    /// profile's 250 characters. When both do not fit, the fix is left to the report (which always
    /// has it), then the problem is shortened, never the rule id.
    /// </summary>
    /// <remarks>
    /// A 2.3.1 ERR has no severity field (ERR-4 came with 2.5): there the text starts with it,
    /// "Error:", "Warning:" or "Info:", so the sender can tell what refused data from what did not;
    /// and it is what ERR-1's 80 characters leave, usually the problem's start and the rule id.
    /// </remarks>
    internal static string UserMessage(ValidationIssue issue, bool version231 = false)
    {
        var id = $" [{issue.Rule.Id}]";
        var label = !version231 ? "" : issue.Severity switch
        {
            Severity.Error => "Error: ",
            Severity.Warning => "Warning: ",
            _ => "Info: ",
        };
        int max = version231 ? Math.Max(Hl7AckError.MaxVersion231TextLength(issue.Location, issue.Hl7ErrorCode), Hl7AckError.WrittenLength(label + id) + 8) : Hl7AckError.MaxUserMessageLength;
        var problem = label + issue.Text;
        if (issue.Fix.Length > 0 && issue.Severity != Severity.Information)
        {
            var whole = $"{problem} Fix: {issue.Fix}{id}";
            if (Hl7AckError.WrittenLength(whole) <= max)
            {
                return whole;
            }
        }

        // Measured as written (escaped): a quoted value full of '&' or '^' grows once escaped.
        if (Hl7AckError.WrittenLength(problem + id) <= max)
        {
            return problem + id;
        }

        return Hl7AckError.ShortenWritten(problem, max - Hl7AckError.WrittenLength(id)) + id;
    }

}

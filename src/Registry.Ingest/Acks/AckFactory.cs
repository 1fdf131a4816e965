using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Acks;

/// <summary>Turns the outcome of one message into its acknowledgement.</summary>
internal static class AckFactory
{
    /// <param name="message">The parsed message, or null when it could not be parsed (the result's header is used).</param>
    public static Hl7Ack Create(Hl7Message? message, MessageResult result, string controlId, DateTimeOffset timestamp)
    {
        var code = result.AckCode switch
        {
            AckCode.AA => Hl7AckCode.Accept,
            AckCode.AE => Hl7AckCode.Error,
            _ => Hl7AckCode.Reject,
        };
        var errors = new List<Hl7AckError>(result.Issues.Count);
        foreach (var issue in result.Issues)
        {
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
            errors.Add(new Hl7AckError(issue.Location, issue.Rule.Hl7ErrorCode, severity, UserMessage(issue), issue.Rule.ApplicationErrorCode));
        }

        if (message is not null)
        {
            return Hl7Ack.For(message, code, controlId, timestamp, errors);
        }

        var header = result.Header;
        return new Hl7Ack
        {
            Code = code,
            ControlId = controlId,
            Timestamp = timestamp,
            IncomingControlId = header.ControlId,
            IncomingVersion = header.Version,
            IncomingProcessingId = header.ProcessingId,
            IncomingSendingApplication = Designator(header.SendingApplication),
            IncomingSendingFacility = Designator(header.SendingFacility),
            IncomingReceivingApplication = Designator(header.ReceivingApplication),
            IncomingReceivingFacility = Designator(header.ReceivingFacility),
            Errors = errors,
        };
    }

    /// <summary>ERR-8: the problem, then what to do, with the rule id so support can look it up.</summary>
    private static string UserMessage(ValidationIssue issue) =>
        issue.Rule.Fix.Length == 0 || issue.Severity == Severity.Information
            ? $"{issue.Text} [{issue.Rule.Id}]"
            : $"{issue.Text} Fix: {issue.Fix} [{issue.Rule.Id}]";

    private static Hl7HierarchicDesignator Designator(string value) =>
        value.Length == 0 ? Hl7HierarchicDesignator.Empty : new Hl7HierarchicDesignator(value);
}

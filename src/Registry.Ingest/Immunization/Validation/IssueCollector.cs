using System.Globalization;
using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// Collects the issues of one message under the policy in force and remembers whether an error
/// rejected the message.
/// </summary>
internal sealed partial class IssueCollector(ValidationPolicy policy)
{
    private const int MaxEchoedLength = 40;

    /// <summary>
    /// A problem met this often in one message (same rule, same vaccination) is listed this many
    /// times; the next says the rest are not listed. A field repeated 50,000 times must not give
    /// 50,000 ERR segments. What is rejected or dropped does not change.
    /// </summary>
    internal const int ListedPerProblem = 20;

    /// <summary>Warnings and notes listed per message, whatever their problems: the next says the rest are not listed.</summary>
    internal const int ListedNotesPerMessage = 500;

    private int notesListed;
    private List<ValidationIssue>? issues;

    // A view that records into another collector with errors lowered to warnings: see AtMostWarnings.
    private readonly IssueCollector? into;

    // How often each problem (rule, vaccination) was met, once the message has enough issues for
    // the limit to matter: counted as they come, since counting the list each time made a message
    // of thousands of vaccinations take minutes (quadratic).
    private Dictionary<(ValidationRule Rule, int? Vaccination), int>? met;

    public IReadOnlyList<ValidationIssue> Issues => (into ?? this).issues ?? (IReadOnlyList<ValidationIssue>)[];

    private IssueCollector(ValidationPolicy policy, IssueCollector into)
        : this(policy)
    {
        this.into = into;
    }

    /// <summary>A collector under the same policy whose issues go nowhere: for checks that do not apply.</summary>
    public IssueCollector Aside() => new(policy);

    /// <summary>
    /// A collector that records into this one, with what the policy makes an error reported as a
    /// warning: for checks whose premise the message leaves in doubt (a dose whose RXA-9 does not
    /// say it was given here), which may tell the sender what is missing but not drop data for it.
    /// </summary>
    public IssueCollector AtMostWarnings() => new(policy, into ?? this);

    /// <summary>The severity <paramref name="rule"/> would be reported with.</summary>
    public Severity SeverityOf(ValidationRule rule) =>
        policy.SeverityOf(rule) is var severity && into is not null && severity == Severity.Error ? Severity.Warning : severity;

    /// <summary>An error outside an order group (other than of an order group itself), or a message-scope error: nothing is stored.</summary>
    public bool MessageRejected { get; private set; }

    /// <summary>
    /// Records <paramref name="rule"/> and returns its severity in force (Off when switched off).
    /// Arguments fill the rule's text; pass codes only, never patient data.
    /// </summary>
    public Severity Report(ValidationRule rule, Hl7Location? location, int? vaccination = null, params ReadOnlySpan<object?> args) =>
        Add(rule, location, vaccination, args.IsEmpty ? rule.Problem : string.Format(CultureInfo.InvariantCulture, rule.Problem, Echo(args)));

    /// <summary>
    /// Records <paramref name="rule"/> with a detail written by this program (never received data),
    /// so it is not shortened like a quoted value.
    /// </summary>
    public Severity ReportDetail(ValidationRule rule, Hl7Location? location, string detail) =>
        Add(rule, location, null, string.Format(CultureInfo.InvariantCulture, rule.Problem, detail));

    private Severity Add(ValidationRule rule, Hl7Location? location, int? vaccination, string text) =>
        into is null ? Add(rule, SeverityOf(rule), location, vaccination, text) : into.Add(rule, SeverityOf(rule), location, vaccination, text);

    private Severity Add(ValidationRule rule, Severity severity, Hl7Location? location, int? vaccination, string text)
    {
        if (severity == Severity.Off)
        {
            return severity;
        }

        // An order-group rule without a vaccination is an ORC that recorded none: only it is left out.
        bool rejectsMessage = rule.Scope == RuleScope.Message || (vaccination is null && rule.Scope != RuleScope.OrderGroup);
        if (severity == Severity.Error && rejectsMessage)
        {
            MessageRejected = true;
        }

        if (severity == Severity.Error && rule.DefaultSeverity != Severity.Error)
        {
            text = AsRaisedToError(text, rejectsMessage);
        }

        int seen = Met(rule, vaccination);
        if (seen > ListedPerProblem)
        {
            return severity;
        }

        if (seen == ListedPerProblem)
        {
            text = string.Create(CultureInfo.InvariantCulture, $"The same problem ({rule.Id}) occurs more than {ListedPerProblem} times in this message; from here on it is not listed.");
        }

        // Errors are always listed (each decides what is stored and is one thing to fix); warnings
        // and notes stop at a total, or a message of 200,000 RXAs gives a 90 MB ERR line.
        if (severity != Severity.Error)
        {
            if (notesListed > ListedNotesPerMessage)
            {
                return severity;
            }

            if (notesListed++ == ListedNotesPerMessage)
            {
                text = string.Create(CultureInfo.InvariantCulture, $"This message has more than {ListedNotesPerMessage} warnings and notes; from here on they are not listed (errors still are).");
            }
        }

        (issues ??= []).Add(new ValidationIssue(rule, severity, location, vaccination, text));
        return severity;
    }

    /// <summary>How often this problem was met before; counts this time.</summary>
    private int Met(ValidationRule rule, int? vaccination)
    {
        if (met is null)
        {
            if (issues is not { Count: >= ListedPerProblem })
            {
                return 0; // fewer issues than the limit: none can have reached it
            }

            met = [];
            foreach (var issue in issues)
            {
                met[(issue.Rule, issue.Vaccination)] = met.GetValueOrDefault((issue.Rule, issue.Vaccination)) + 1;
            }
        }

        int seen = met.GetValueOrDefault((rule, vaccination));
        met[(rule, vaccination)] = seen + 1;
        return seen;
    }

    /// <summary>
    /// The text of a warning the registry's configuration raised to an error: what the warning
    /// says it did instead (it was ignored, treated as an add, replaced by the time the file was
    /// read) is not what happened, so that is replaced by what was.
    /// </summary>
    internal static string AsRaisedToError(string text, bool rejectsMessage)
    {
        var problem = IgnoredClause().Replace(text, ".");
        return problem + (rejectsMessage
            ? " This registry's rules make it an error, so the message was not stored."
            : " This registry's rules make it an error, so this vaccination was not stored.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:(?: and (?:was|were)|[;,] (?:so )?(?:it|this [\w -]+?|its [\w ]+?) (?:was|were)) ignored|: lot, manufacturer and funding are not required|; (?:it was not stored|it was stored as sent|the time the file was read is used instead|the (?:vaccination|dose) was treated as [^.;]+))\.$")]
    private static partial System.Text.RegularExpressions.Regex IgnoredClause();

    /// <summary>Makes a received value safe to quote: bounded, single line.</summary>
    private static object?[] Echo(ReadOnlySpan<object?> args)
    {
        var result = new object?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            result[i] = args[i] is string s ? Clean(s) : args[i];
        }

        return result;
    }

    private static string Clean(string value)
    {
        // Never cut between the two halves of a character outside the BMP (an emoji): half of
        // one is no character, and is written as U+FFFD.
        int length = Math.Min(value.Length, MaxEchoedLength);
        if (length < value.Length && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        var cleaned = string.Create(length, value, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || source[i] is '\u2028' or '\u2029' ? ' ' : source[i];
            }
        });
        return value.Length > MaxEchoedLength ? cleaned + "..." : cleaned;
    }
}

namespace Registry.Ingest.Hl7;

/// <summary>
/// One issue reported back to the sender: an ERR segment in a 2.5.1 ACK, an ERR-1 repetition in a
/// 2.3.1 one. Codes outside tables 0357 and 0533 are rejected here, where the bug is, rather than
/// written into an ACK a clinic cannot interpret.
/// </summary>
public sealed record Hl7AckError
{
    public Hl7AckError(Hl7Location? location, int code, Hl7ErrorSeverity severity, string userMessage, int? applicationCode = null)
    {
        if (Hl7ErrorCodes.Text(code) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Not a code of HL7 table 0357.");
        }

        if (applicationCode is int application && Hl7ApplicationErrorCodes.Text(application) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(applicationCode), applicationCode, "Not a code of HL7 table 0533.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)severity, (uint)Hl7ErrorSeverity.Information, nameof(severity));
        ArgumentNullException.ThrowIfNull(userMessage);
        Location = location is { SegmentId.Length: > 0 } ? location : null;
        Code = code;
        Severity = severity;
        UserMessage = userMessage;
        ApplicationCode = applicationCode;
    }

    /// <summary>Where the issue is (ERR-2); null when it concerns no particular place.</summary>
    public Hl7Location? Location { get; }

    /// <summary>Table 0357 code (ERR-3), see <see cref="Hl7ErrorCodes"/>.</summary>
    public int Code { get; }

    public Hl7ErrorSeverity Severity { get; }

    /// <summary>
    /// The longest ERR-8 the CDC profile (Z23, ERR-8 TX of length 250) allows, in characters as
    /// written (escaped). A longer <see cref="UserMessage"/> is cut there, ending in "...".
    /// </summary>
    public const int MaxUserMessageLength = 250;

    /// <summary>What a person at the clinic should read (ERR-8). Never a patient's data.</summary>
    public string UserMessage { get; }

    /// <summary>HL7 2.3.1's length of ERR-1 (error code and location), for each repetition.</summary>
    public const int Version231RepetitionLength = 80;

    /// <summary>
    /// The longest text, as written, a 2.3.1 ERR-1 repetition leaves an issue at
    /// <paramref name="location"/> with table 0357 code <paramref name="code"/>: 80 less the rest
    /// of <c>SEG^seq^field^code&amp;text&amp;HL70357</c>, as <see cref="Hl7ErrWriter.WriteVersion231"/>
    /// writes it.
    /// </summary>
    public static int MaxVersion231TextLength(Hl7Location? location, int code)
    {
        int prefix = 3; // the three component separators
        if (location is { SegmentId.Length: > 0 } at)
        {
            prefix += at.SegmentId.Length + Digits(at.SegmentSequence) + Digits(at.Field);
        }

        return Version231RepetitionLength - prefix - Math.Max(Digits(code), 1) - "&".Length - "&HL70357".Length; // the code is written even when 0

        static int Digits(int number) => number <= 0 ? 0 : number.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
    }

    /// <summary><see cref="UserMessage"/> as written: at most <see cref="MaxUserMessageLength"/> characters once escaped.</summary>
    internal string WrittenUserMessage => ShortenWritten(UserMessage, MaxUserMessageLength);

    /// <summary>
    /// The length of <paramref name="text"/> as an ACK writes it (escaped: a '&amp;' is <c>\T\</c>),
    /// which is what a profile's length limits measure.
    /// </summary>
    public static int WrittenLength(string text) => Hl7Escaping.Encode(text, Hl7Delimiters.Default).Length;

    /// <summary>
    /// <see cref="Shorten"/>, measured as written: a text quoting a value full of delimiters can
    /// grow by a third once escaped, past a limit its unescaped length kept to.
    /// </summary>
    public static string ShortenWritten(string text, int maxWrittenLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (WrittenLength(text) <= maxWrittenLength)
        {
            return text;
        }

        // The longest cut that fits once written: a binary search, only for such a text.
        int low = 1, high = Math.Min(text.Length, maxWrittenLength);
        string shortened = Shorten(text, 4);
        while (low <= high)
        {
            int keep = (low + high) / 2;
            var candidate = Shorten(text, keep + 3);
            if (WrittenLength(candidate) <= maxWrittenLength)
            {
                shortened = candidate;
                low = keep + 1;
            }
            else
            {
                high = keep - 1;
            }
        }

        return shortened;
    }

    /// <summary>
    /// <paramref name="text"/> in at most <paramref name="maxLength"/> characters: whole, or cut
    /// after a word (within the last 40 characters, else where it must) and ended with "...".
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 4);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var kept = text.AsSpan(0, maxLength - 3);
        if (char.IsHighSurrogate(kept[^1]))
        {
            kept = kept[..^1]; // never half a character
        }

        int space = kept.LastIndexOf(' ');
        if (space >= kept.Length - 40 && space > 0)
        {
            kept = kept[..space];
        }

        return string.Concat(kept.TrimEnd(), "...");
    }

    /// <summary>Table 0533 code (ERR-5), see <see cref="Hl7ApplicationErrorCodes"/>.</summary>
    public int? ApplicationCode { get; }
}

using System.Buffers;
using System.Text;

namespace Registry.Ingest.DropFolder;

/// <summary>
/// A batch file name of hl7-immunization.md §2: <c>HL7_&lt;ClinicName&gt;_&lt;YYYYMMDD&gt;.txt</c> or
/// <c>HL7_&lt;ClinicName&gt;_&lt;YYYYMMDD&gt;_&lt;HHMMSS&gt;.txt</c>. <see cref="Parse"/> is pure: it never touches
/// the file system, and a name that could escape the folder is rejected before anything else.
/// </summary>
internal sealed class BatchFileName
{
    public const int MaxClinicLength = 50;

    /// <summary>The rule as the clinic reads it; every failure message ends with it.</summary>
    public const string NamingRule =
        "Batch files must be named HL7_<ClinicName>_<YYYYMMDD>.txt or HL7_<ClinicName>_<YYYYMMDD>_<HHMMSS>.txt, "
        + "where ClinicName is 1-50 characters A-Z, a-z, 0-9 or '-', the date and time are real calendar values, "
        + "and HL7_ and .txt may be in any case (e.g. HL7_DCS0067_20100810_182255.txt).";

    private static readonly SearchValues<char> ClinicCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    private BatchFileName(string fileName, string baseName, string clinic, DateOnly date, TimeOnly? time)
    {
        FileName = fileName;
        BaseName = baseName;
        Clinic = clinic;
        Date = date;
        Time = time;
    }

    /// <summary>The name as found in the folder.</summary>
    public string FileName { get; }

    /// <summary>The name without its <c>.txt</c> extension, as found (prefix case kept).</summary>
    public string BaseName { get; }

    public string Clinic { get; }

    public DateOnly Date { get; }

    /// <summary>The time of the <c>_HHMMSS</c> form; null for the once-a-day form.</summary>
    public TimeOnly? Time { get; }

    public static BatchFileNameResult Parse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName.Length == 0)
        {
            return Fail(BatchFileNameRule.Layout, "The file name is empty.");
        }

        if (UnsafeReason(fileName) is { } unsafeReason)
        {
            return Fail(BatchFileNameRule.UnsafeName, $"The file name {unsafeReason}, so it is not processed.");
        }

        ReadOnlySpan<char> name = fileName;
        if (name.Length < 4 || !Ascii.EqualsIgnoreCase(name[^4..], ".txt"))
        {
            return Fail(BatchFileNameRule.Extension, "The file name does not end in .txt.");
        }

        if (!Ascii.EqualsIgnoreCase(name[..4], "HL7_"))
        {
            return Fail(BatchFileNameRule.Prefix, "The file name does not start with HL7_.");
        }

        ReadOnlySpan<char> core = name.Length >= 8 ? name[4..^4] : [];
        if (core.Contains('.'))
        {
            return Fail(BatchFileNameRule.Extension, "The file name has a '.' before .txt; only the single extension .txt is allowed.");
        }

        return ParseCore(fileName, core);
    }

    private static BatchFileNameResult ParseCore(string fileName, ReadOnlySpan<char> core)
    {
        // Parts are taken from the right, so an '_' inside ClinicName is reported as a ClinicName problem.
        int last = core.LastIndexOf('_');
        if (last < 0)
        {
            return Fail(BatchFileNameRule.Layout, "The file name has no _<YYYYMMDD> date after the clinic name.");
        }

        ReadOnlySpan<char> head = core[..last];
        ReadOnlySpan<char> clinic = head, date = core[(last + 1)..], time = default;
        int previous = head.LastIndexOf('_');
        bool hasTime = previous >= 0 && IsDigits(head[(previous + 1)..], 8);
        if (hasTime)
        {
            clinic = head[..previous];
            date = head[(previous + 1)..];
            time = core[(last + 1)..];
        }

        if (ClinicProblem(clinic) is { } clinicProblem)
        {
            return Fail(BatchFileNameRule.ClinicName, clinicProblem);
        }

        if (!TryParseDate(date, out var parsedDate))
        {
            return Fail(BatchFileNameRule.Date, $"The date {FileNameText.Quote(date)} is not a real calendar date written YYYYMMDD.");
        }

        TimeOnly? parsedTime = null;
        if (hasTime)
        {
            if (!TryParseTime(time, out var value))
            {
                return Fail(BatchFileNameRule.Time, $"The time {FileNameText.Quote(time)} is not a real time of day written HHMMSS (000000 to 235959).");
            }

            parsedTime = value;
        }

        return BatchFileNameResult.Success(new BatchFileName(fileName, fileName[..^4], clinic.ToString(), parsedDate, parsedTime));
    }

    private static string? UnsafeReason(ReadOnlySpan<char> name)
    {
        int control = name.IndexOfAnyInRange('\u0000', '\u001F');
        if (control < 0)
        {
            control = name.IndexOfAnyInRange('\u007F', '\u009F');
        }

        return control >= 0 ? $"contains the control character {FileNameText.Character(name, control)}"
            : name.ContainsAny('/', '\\') ? "contains a path separator ('/' or '\\')"
            : name.Contains("..", StringComparison.Ordinal) ? "contains '..'"
            : name[0] == '.' ? "starts with '.'"
            : name.Contains(':') ? "contains ':' (a drive or stream separator on Windows)"
            : null;
    }

    private static string? ClinicProblem(ReadOnlySpan<char> clinic)
    {
        if (clinic.IsEmpty)
        {
            return "The clinic name is empty.";
        }

        if (clinic.Length > MaxClinicLength)
        {
            return $"The clinic name is {clinic.Length} characters long; at most {MaxClinicLength} are allowed.";
        }

        int bad = clinic.IndexOfAnyExcept(ClinicCharacters);
        return bad >= 0
            ? $"The clinic name {FileNameText.Quote(clinic)} contains {FileNameText.Character(clinic, bad)}; only A-Z, a-z, 0-9 and '-' are allowed."
            : null;
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (!IsDigits(text, 8))
        {
            return false;
        }

        int year = Number(text[..4]), month = Number(text[4..6]), day = Number(text[6..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        if (!IsDigits(text, 6))
        {
            return false;
        }

        int hour = Number(text[..2]), minute = Number(text[2..4]), second = Number(text[4..]);
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute, second);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text, int length) =>
        text.Length == length && !text.ContainsAnyExceptInRange('0', '9');

    private static int Number(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static BatchFileNameResult Fail(BatchFileNameRule rule, string problem) =>
        BatchFileNameResult.Failure(rule, $"{problem} {NamingRule}");
}

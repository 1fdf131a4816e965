using System.Globalization;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Acks;

/// <summary>Small wording helpers shared by the report parts.</summary>
internal static class ReportText
{
    public static string Ordinal(int n)
    {
        string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return string.Create(CultureInfo.InvariantCulture, $"{n}{suffix}");
    }

    public static string Severity(Severity severity) => severity switch
    {
        Immunization.Validation.Severity.Error => "ERROR",
        Immunization.Validation.Severity.Warning => "WARNING",
        _ => "INFO",
    };

    /// <summary><c>RXA-5 (2nd vaccination)</c>, <c>NK1-3 (2nd NK1)</c>, <c>PID-7</c>.</summary>
    public static string Location(Hl7Location? location, int? vaccination)
    {
        if (location is not { } at)
        {
            return vaccination is { } v ? $"{Ordinal(v)} vaccination" : "message";
        }

        var text = at.ToString();
        if (vaccination is { } n)
        {
            return $"{text} ({Ordinal(n)} vaccination)";
        }

        return at.SegmentSequence > 1 ? $"{text} ({Ordinal(at.SegmentSequence)} {at.SegmentId})" : text;
    }

    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}

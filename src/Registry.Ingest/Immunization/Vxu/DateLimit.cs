using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The latest a date in a message may be: the message's own date (MSH-7), and never after today.
/// Dates are compared as written (a birth date has no time zone), except that a time written with
/// its UTC offset, in a message whose MSH-7 has one too, is compared as the instant it is: an EHR
/// that stamps MSH-7 in local time and RXA-3 in UTC writes one moment as two dates, and that is
/// not a date in the future.
/// </summary>
internal readonly record struct DateLimit(DateOnly Latest, DateTimeOffset? MessageInstant, DateTimeOffset Now)
{
    public bool IsAfter(Hl7DateTime value)
    {
        if (value.Date <= Latest)
        {
            return false;
        }

        if (value.Instant is { } at && MessageInstant is { } sent)
        {
            return at > sent || at > Now;
        }

        return true;
    }
}

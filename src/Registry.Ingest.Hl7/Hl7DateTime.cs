using System.Globalization;

namespace Registry.Ingest.Hl7;

/// <summary>
/// An HL7 DT/DTM value, <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>, with the precision
/// it was sent in. Parsing checks the calendar (no 31 February, no month 19).
/// </summary>
public readonly record struct Hl7DateTime(DateTime Value, Hl7DatePrecision Precision, TimeSpan? Offset)
{
    public DateOnly Date => DateOnly.FromDateTime(Value);

    /// <summary>
    /// The moment this value names, when it was sent with its UTC offset and that moment falls
    /// within what a <see cref="DateTimeOffset"/> holds: <c>99991231235959-0600</c> is a valid
    /// value whose moment, in UTC, is in the year 10000, and no zone is more than 14 hours from
    /// UTC (<c>-1430</c> reads, as HL7's syntax allows it, but names no moment).
    /// </summary>
    public DateTimeOffset? Instant
    {
        get
        {
            if (Offset is not { } offset || offset.Duration() > MaxOffset)
            {
                return null;
            }

            long utcTicks = Value.Ticks - offset.Ticks;
            return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks ? null : new DateTimeOffset(Value, offset);
        }
    }

    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static bool TryParse(ReadOnlySpan<char> text, out Hl7DateTime result)
    {
        result = default;
        text = text.Trim();
        TimeSpan? offset = null;
        int sign = text.IndexOfAny('+', '-');
        if (sign >= 0)
        {
            var zone = text[(sign + 1)..];
            if (zone.Length != 4 || !AllDigits(zone))
            {
                return false;
            }

            int hours = Number(zone[..2]);
            int minutes = Number(zone[2..]);
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            var span = new TimeSpan(hours, minutes, 0);
            offset = text[sign] == '-' ? -span : span;
            text = text[..sign];
        }

        var fraction = ReadOnlySpan<char>.Empty;
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            fraction = text[(dot + 1)..];
            text = text[..dot];
            if (text.Length != 14 || fraction.IsEmpty || fraction.Length > 4 || !AllDigits(fraction))
            {
                return false;
            }
        }

        if (text.Length is not (4 or 6 or 8 or 10 or 12 or 14) || !AllDigits(text))
        {
            return false;
        }

        int year = Number(text[..4]);
        int month = text.Length >= 6 ? Number(text.Slice(4, 2)) : 1;
        int day = text.Length >= 8 ? Number(text.Slice(6, 2)) : 1;
        int hour = text.Length >= 10 ? Number(text.Slice(8, 2)) : 0;
        int minute = text.Length >= 12 ? Number(text.Slice(10, 2)) : 0;
        int second = text.Length >= 14 ? Number(text.Slice(12, 2)) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (!fraction.IsEmpty)
        {
            value = value.AddTicks(Number(fraction) * (long)Math.Pow(10, 7 - fraction.Length));
        }

        var precision = text.Length switch
        {
            4 => Hl7DatePrecision.Year,
            6 => Hl7DatePrecision.Month,
            8 => Hl7DatePrecision.Day,
            10 => Hl7DatePrecision.Hour,
            12 => Hl7DatePrecision.Minute,
            _ => Hl7DatePrecision.Second,
        };
        result = new Hl7DateTime(value, precision, offset);
        return true;
    }

    public override string ToString() => Value.ToString(Precision switch
    {
        Hl7DatePrecision.Year => "yyyy",
        Hl7DatePrecision.Month => "yyyyMM",
        Hl7DatePrecision.Day => "yyyyMMdd",
        Hl7DatePrecision.Hour => "yyyyMMddHH",
        Hl7DatePrecision.Minute => "yyyyMMddHHmm",
        _ => "yyyyMMddHHmmss",
    }, CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}

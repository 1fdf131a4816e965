using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Immunization.Vxu;

internal static class Addresses
{
    public static IReadOnlyList<PostalAddress> Read(Hl7Element field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var list = new List<PostalAddress>(field.RepetitionCount);
        foreach (var a in field.Repetitions())
        {
            if (a.IsEmpty)
            {
                continue;
            }

            if (a.IsNull)
            {
                list.Add(PostalAddress.Cleared);
                continue;
            }

            list.Add(new PostalAddress(
                Values.Text(a.Component(1).SubComponent(1)),
                Values.Text(a.Component(2)),
                Values.Text(a.Component(3)),
                Values.Text(a.Component(4)),
                Values.Text(a.Component(5)),
                Values.Text(a.Component(6)),
                Values.Text(a.Component(7)),
                Values.Text(a.Component(9))));
        }

        return list;
    }

    public static IReadOnlyList<PhoneNumber> ReadPhones(Hl7Element field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var list = new List<PhoneNumber>(field.RepetitionCount);
        foreach (var p in field.Repetitions())
        {
            if (p.IsEmpty)
            {
                continue;
            }

            if (p.IsNull)
            {
                list.Add(PhoneNumber.Cleared);
                continue;
            }

            var area = Values.Text(p.Component(6));
            var local = Values.Text(p.Component(7));
            var text = Values.Text(p.Component(1));
            if (area is null && local is null && text is { Length: > 0 })
            {
                (area, local) = NorthAmericanNumber(text);
            }

            list.Add(new PhoneNumber(Values.Text(p.Component(2)), Values.Text(p.Component(3)), area, local, Values.Text(p.Component(4)), text));
        }

        return list;
    }

    /// <summary>
    /// A number written whole in XTN-1, the 2.3.1 form ("(312)555-1212", "312-555-1212 x22"):
    /// area code and local number when its digits (up to an extension) make a North American
    /// number of 10 digits (11 with a leading 1) or a local one of 7; else nothing.
    /// </summary>
    internal static (string? Area, string? Local) NorthAmericanNumber(ReadOnlySpan<char> text)
    {
        Span<char> digits = stackalloc char[11];
        int count = 0;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return (null, null);
                }

                digits[count++] = c;
            }
            else if (char.IsAsciiLetter(c))
            {
                break; // x22, ext 22: the extension is not part of the number
            }
        }

        var number = digits[..count];
        if (count == 11 && number[0] == '1')
        {
            number = number[1..];
        }

        return number.Length switch
        {
            10 => (new string(number[..3]), new string(number[3..])),
            7 => (null, new string(number)),
            _ => (null, null),
        };
    }
}

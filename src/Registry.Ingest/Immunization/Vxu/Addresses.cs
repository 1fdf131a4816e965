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

            list.Add(new PhoneNumber(
                Values.Text(p.Component(2)),
                Values.Text(p.Component(3)),
                Values.Text(p.Component(6)),
                Values.Text(p.Component(7)),
                Values.Text(p.Component(4)),
                Values.Text(p.Component(1))));
        }

        return list;
    }
}

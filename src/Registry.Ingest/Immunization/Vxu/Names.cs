using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Immunization.Vxu;

internal static class Names
{
    /// <summary>An XPN repetition; null when it holds nothing.</summary>
    public static PersonName? Read(Hl7Element name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        return new PersonName(
            Values.Text(name.Component(1).SubComponent(1)),
            Values.Text(name.Component(2)),
            Values.Text(name.Component(3)),
            Values.Text(name.Component(4)),
            Values.Text(name.Component(7)));
    }
}

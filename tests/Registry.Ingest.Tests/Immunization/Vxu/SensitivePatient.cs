using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>
/// Distinctive patient and next-of-kin data put into the valid message, then corrupted one way.
/// <see cref="Tokens"/> are the values no issue text may contain.
/// </summary>
internal sealed record SensitivePatient(
    string Id,
    string Family,
    string Given,
    string Middle,
    string MotherMaiden,
    string BirthDate,
    string StreetName,
    string City,
    string Zip,
    string LocalNumber,
    string KinFamily,
    string KinGiven,
    Corruption Corruption,
    int Position)
{
    public string Street => $"4821 {StreetName} ST";

    public IEnumerable<string> Tokens =>
        [Id, Family, Given, Middle, MotherMaiden, BirthDate, StreetName, Street, City, Zip, LocalNumber, KinFamily, KinGiven];

    /// <summary>The message text, CR-terminated, as a clinic would upload it.</summary>
    public string Message()
    {
        var message = SampleVxu.Valid251()
            .With("PID-3", $"{Id}^^^CLINIC01^MR")
            .With("PID-5", $"{Family}^{Given}^{Middle}^^^^L")
            .With("PID-6", $"{MotherMaiden}^^^^^^M")
            .With("PID-7", BirthDate)
            .With("PID-11", $"{Street}^^{City}^ND^{Zip}^USA^L")
            .With("PID-13", $"^PRN^PH^^^701^{LocalNumber}")
            .With("NK1-2", $"{KinFamily}^{KinGiven}^^^^^L")
            .With("NK1-4", $"{Street}^^{City}^ND^{Zip}^USA^L");
        var pid = message.Segment("PID").Split('|').ToList();
        var nk1 = message.Segment("NK1").Split('|').ToList();
        int field = 2 + (Position % (pid.Count - 2));
        switch (Corruption)
        {
            case Corruption.PidShiftedRight:
                pid.Insert(field, string.Empty);
                message = message.Replace("PID", string.Join('|', pid));
                break;
            case Corruption.PidShiftedLeft:
                pid.RemoveAt(field);
                message = message.Replace("PID", string.Join('|', pid));
                break;
            case Corruption.Nk1ShiftedLeft:
                nk1.RemoveAt(3);
                message = message.Replace("NK1", string.Join('|', nk1));
                break;
            case Corruption.PidSplitAcrossLines:
                var line = message.Segment("PID");
                int at = 4 + (Position % (line.Length - 4));
                return message.Text.Replace(line, line[..at] + "\r" + line[at..], StringComparison.Ordinal);
            default:
                break;
        }

        return message.Text;
    }
}

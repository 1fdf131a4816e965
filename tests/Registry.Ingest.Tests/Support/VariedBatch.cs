using System.Text;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A large batch file that takes every storage path again and again, across chunk boundaries:
/// patients sent again later in the file (updates), next of kin sent again without some fields,
/// a second facility's patients matching the first's (possible duplicates), vaccinations without
/// ORC-3, deletions of known and unknown vaccinations, test (T) messages and rejected messages. One message can be given to the
/// <see cref="GatePatient"/>, a patient stored beforehand by <see cref="GateSeed"/>, so that a test
/// holding that patient's row lock stops the ingest exactly there.
/// </summary>
internal static class VariedBatch
{
    public const string GatePatient = "PAT-GATE";

    /// <summary>One message storing the gate patient.</summary>
    public static string GateSeed() => SampleVxu.Valid251()
        .With("MSH-10", "SEED1").With("PID-3", $"{GatePatient}^^^CLINIC01^MR").With("PID-5.1", "GATEKEEPER").With("ORC-3", "VAX-GATE^MYEHR").Text;

    /// <param name="count">Messages in the file.</param>
    /// <param name="gateAt">The 0-based message that updates the gate patient; -1 for none.</param>
    public static string Messages(int count, int gateAt = -1)
    {
        int patients = Math.Max(1, count * 2 / 3);
        var text = new StringBuilder();
        var typical = SampleVxu.Valid251();
        for (int i = 0; i < count; i++)
        {
            int k = i % patients;
            var m = typical.With("MSH-10", BatchFiles.ControlId(i))
                .With("PID-3", $"PAT{k}^^^CLINIC01^MR").With("PID-5.1", "FAM" + Letters(k)).With("PID-11.1", $"{i} MAIN ST")
                .With("ORC-3", $"VAX-{i}^MYEHR");
            if (i % 3 == 1)
            {
                // The same mother again, with another city and no phone: the phone is kept.
                m = m.Replace("NK1", "NK1|1|SAMPLE^MARGARET^^^^^L|MTH^Mother^HL70063|^^FARGO^ND^58102^USA^L");
            }

            if (i % 10 == 9)
            {
                // The name of PAT(k-5), five messages earlier: the same chunk, mostly.
                m = m.With("MSH-4", "CLINIC02").With("PID-3", $"C2-{k}^^^CLINIC02^MR").With("PID-5.1", "FAM" + Letters(Math.Max(0, k - 5)));
            }

            if (i % 7 == 3)
            {
                m = m.With("ORC-3", string.Empty);
            }

            if (i % 97 == 50)
            {
                m = m.With("RXA-21", "D").With("ORC-3", $"VAX-{i - 1}^MYEHR");
            }

            if (i % 89 == 88)
            {
                m = m.With("RXA-21", "D").With("ORC-3", $"VAX-NONE-{i}^MYEHR");
            }

            if (i % 50 == 25)
            {
                m = m.With("MSH-11", "T");
            }

            if (i % 101 == 100)
            {
                m = m.With("PID-7", string.Empty);
            }

            if (i == gateAt)
            {
                m = m.With("MSH-4", "CLINIC01").With("MSH-11", "P").With("PID-3", $"{GatePatient}^^^CLINIC01^MR").With("PID-5.1", "GATEKEEPER").With("PID-7", SampleVxu.BirthDate);
            }

            text.Append(m.Text);
        }

        return text.ToString();
    }

    /// <summary>0 → A, 25 → Z, 26 → BA: names made of letters only.</summary>
    private static string Letters(int n)
    {
        var letters = new StringBuilder();
        do
        {
            letters.Insert(0, (char)('A' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return letters.ToString();
    }
}

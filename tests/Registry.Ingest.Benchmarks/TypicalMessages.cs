namespace Registry.Ingest.Benchmarks;

/// <summary>
/// The typical messages the speed bar is set for: a 2.5.1 VXU with ORC, RXA, RXR and 4 OBX
/// (about 1.4 KB), and the same content in 2.3.1 form. Fictional patient.
/// </summary>
public static class TypicalMessages
{
    public const string Vxu251 =
        "MSH|^~\\&|MYEHR|DCS0067|ICARE|IDPH|20240131101500-0600||VXU^V04^VXU_V04|DCS0067-000001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r" +
        "PID|1||PA123456^^^DCS0067^MR||TESTPATIENT^ALPHA^Q^^^^L|MAIDENNAME^MOTHER^^^^^M|20230415|F||2106-3^White^CDCREC|123 MAIN ST^^SPRINGFIELD^IL^62701^USA^L||^PRN^PH^^^217^5551234|||||||||2186-5^Not Hispanic or Latino^CDCREC\r" +
        "PD1|||||||||||02^Reminder/recall - any method^HL70215|N|20240131|||A|20240131|20240131\r" +
        "NK1|1|TESTPATIENT^MOTHER^^^^^L|MTH^Mother^HL70063|123 MAIN ST^^SPRINGFIELD^IL^62701^USA^L|^PRN^PH^^^217^5551234\r" +
        "ORC|RE||DCS0067-IMM-1001^DCS0067|||||||||1234567890^WELBY^MARCUS^^^^^^NPI^L\r" +
        "RXA|0|1|20240131|20240131|08^Hep B, adolescent or pediatric^CVX|0.5|mL^milliliters^UCUM||00^New immunization record^NIP001|1234567890^WELBY^MARCUS|^^^DCS0067||||AB12345|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A\r" +
        "RXR|C28161^Intramuscular^NCIT|LT^Left Thigh^HL70163\r" +
        "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240131|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r" +
        "OBX|2|CE|30963-3^Vaccine funding source^LN|2|VXC50^Public^CDCPHINVS||||||F|||20240131\r" +
        "OBX|3|CE|69764-9^Document type^LN|3|253088698300012711120420^Hepatitis B VIS^cdcgs1vis||||||F|||20240131\r" +
        "OBX|4|DT|29769-7^Date Vis Presented^LN|3|20240131||||||F|||20240131\r";

    public static string Vxu231 { get; } = Vxu251
        .Replace("|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS", "|P|2.3.1", StringComparison.Ordinal);
}

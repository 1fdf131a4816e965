namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Valid, typical VXU^V04 messages as a clinic's EHR sends them: one patient with a parent as next of
/// kin and one administered influenza dose (with route, site, VFC eligibility, funding source and
/// VIS dates). Dated 2024-05-15 for a patient born 2023-04-15; use with <see cref="FixedTimeProvider.Default"/>.
/// </summary>
internal static class SampleVxu
{
    public const string MessageDate = "20240515103000";
    public const string BirthDate = "20230415";
    public const string AdministrationDate = "20240515";

    /// <summary>2.5.1 (CDC IG R1.5, profile Z22): every order group starts with its ORC.</summary>
    public static VxuBuilder Valid251() => new(
    [
        "MSH|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|" + MessageDate + "-0500||VXU^V04^VXU_V04|MSG00001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS",
        "PID|1||PAT12345^^^CLINIC01^MR||SAMPLE^ALEXANDRA^QUINN^^^^L|MOTHERLY^MAIDEN^^^^^M|" + BirthDate + "|F||2106-3^White^CDCREC|123 MAIN ST^^BISMARCK^ND^58501^USA^L||^PRN^PH^^^701^5551234|||||||||2186-5^Not Hispanic or Latino^CDCREC",
        "PD1|||||||||||02^Reminder/recall - any method^HL70215|N|20240515|||A|20240515|20240515",
        "NK1|1|SAMPLE^MARGARET^^^^^L|MTH^Mother^HL70063|123 MAIN ST^^BISMARCK^ND^58501^USA^L|^PRN^PH^^^701^5551234",
        .. FirstOrderGroup251,
    ]);

    /// <summary>2.5.1 with a second order group (hepatitis B): ORC[2], RXA[2], RXR[2], OBX[5]–OBX[8].</summary>
    public static VxuBuilder TwoVaccinations251() => Valid251().Append([.. SecondOrderGroup251]);

    /// <summary>2.3.1 (CDC IG 2.2): ORC optional, MSH-9 without the message structure.</summary>
    public static VxuBuilder Valid231() => new(
    [
        "MSH|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|" + MessageDate + "||VXU^V04|MSG00002|P|2.3.1",
        "PID|1||PAT12345^^^CLINIC01^MR||SAMPLE^ALEXANDRA^QUINN||" + BirthDate + "|F||2106-3^White^HL70005|123 MAIN ST^^BISMARCK^ND^58501^USA^L||^PRN^PH^^^701^5551234",
        "PD1|||||||||||02^Reminder/recall - any method^HL70215|N",
        "NK1|1|SAMPLE^MARGARET|MTH^Mother^HL70063",
        "ORC|RE||VAX-0001^MYEHR",
        "RXA|0|999|" + AdministrationDate + "|" + AdministrationDate + "|141^Influenza, split virus, trivalent, preservative^CVX|0.5|mL||00^New immunization record^NIP001|^NURSE^NANCY|^^^CLINIC01||||LOT123|20250630|SKB^GlaxoSmithKline^MVX",
        "RXR|IM^Intramuscular^HL70162|LD^Left Deltoid^HL70163",
        "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN||V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F",
        "OBX|2|CE|30963-3^Vaccine funding source^LN||VXC50^Public^CDCPHINVS||||||F",
        "OBX|3|TS|29768-9^Date vaccine information statement published^LN||20150807||||||F",
        "OBX|4|TS|29769-7^Date vaccine information statement presented^LN||" + AdministrationDate + "||||||F",
    ]);

    private static string[] FirstOrderGroup251 =>
    [
        "ORC|RE||VAX-0001^MYEHR|||||||||1234567890^PRESCRIBER^PAT^^^^^^NPI",
        "RXA|0|1|" + AdministrationDate + "||141^Influenza, split virus, trivalent, preservative^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|^NURSE^NANCY|^^^CLINIC01||||LOT123|20250630|SKB^GlaxoSmithKline^MVX|||CP|A",
        "RXR|C28161^Intramuscular^NCIT|LD^Left Deltoid^HL70163",
        "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||" + AdministrationDate + "|||VXC40^Eligibility captured at the immunization level^CDCPHINVS",
        "OBX|2|CE|30963-3^Vaccine funding source^LN|2|VXC50^Public^CDCPHINVS||||||F|||" + AdministrationDate,
        "OBX|3|DT|29768-9^Date vaccine information statement published^LN|3|20150807||||||F|||" + AdministrationDate,
        "OBX|4|DT|29769-7^Date vaccine information statement presented^LN|3|" + AdministrationDate + "||||||F|||" + AdministrationDate,
    ];

    private static string[] SecondOrderGroup251 =>
    [
        "ORC|RE||VAX-0002^MYEHR",
        "RXA|0|1|" + AdministrationDate + "||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|^NURSE^NANCY|^^^CLINIC01||||HB2024A|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A",
        "RXR|IM^Intramuscular^HL70162|RT^Right Thigh^HL70163",
        "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V03^VFC eligible - Uninsured^HL70064||||||F|||" + AdministrationDate + "|||VXC40^Eligibility captured at the immunization level^CDCPHINVS",
        "OBX|2|CE|30963-3^Vaccine funding source^LN|2|VXC51^Public VFC^CDCPHINVS||||||F|||" + AdministrationDate,
        "OBX|3|DT|29768-9^Date vaccine information statement published^LN|3|20230512||||||F|||" + AdministrationDate,
        "OBX|4|DT|29769-7^Date vaccine information statement presented^LN|3|" + AdministrationDate + "||||||F|||" + AdministrationDate,
    ];
}

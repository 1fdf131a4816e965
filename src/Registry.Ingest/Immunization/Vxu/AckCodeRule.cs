using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>MSA-1 from a message's issues (rules document §4).</summary>
internal static class AckCodeRule
{
    public static AckCode Decide(IReadOnlyList<ValidationIssue> issues, bool warningsGiveAe)
    {
        var code = AckCode.AA;
        foreach (var issue in issues)
        {
            if (issue.Severity == Severity.Error)
            {
                if (issue.Rule.Rejects)
                {
                    return AckCode.AR;
                }

                code = AckCode.AE;
            }
            else if (issue.Severity == Severity.Warning && warningsGiveAe && code == AckCode.AA)
            {
                code = AckCode.AE;
            }
        }

        return code;
    }
}

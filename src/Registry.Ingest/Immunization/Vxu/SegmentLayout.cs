using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// Where the parts of a VXU are: the PID, PD1 and NK1 segments, and the order groups. 2.5.1 starts
/// a group at each ORC (an RXA without its own ORC is an error); 2.3.1 starts one at an ORC or at
/// an RXA not preceded by its own ORC. Unknown and Z-segments are skipped without comment.
/// </summary>
internal sealed class SegmentLayout
{
    private SegmentLayout()
    {
    }

    public int Pid { get; private set; } = -1;

    public int Pd1 { get; private set; } = -1;

    /// <summary>The first PV1 (2.3.1 sends the visit's VFC eligibility in PV1-20).</summary>
    public int Pv1 { get; private set; } = -1;

    public List<int> NextOfKin { get; } = [];

    public List<OrderGroup> Groups { get; } = [];

    public static SegmentLayout Read(Hl7Message message, bool requireOrc, IssueCollector issues)
    {
        var layout = new SegmentLayout();
        OrderGroup? group = null;
        List<int>? misplaced = null;
        int vaccinations = 0;
        for (int i = 1; i < message.SegmentCount; i++)
        {
            var segment = message[i];
            switch (segment.Id)
            {
                case "SFT":
                    break;
                case "PID":
                    if (layout.Pid >= 0)
                    {
                        issues.Report(Rules.PatientSegmentRepeated, segment.Location);
                    }
                    else
                    {
                        layout.Pid = i;
                    }

                    break;
                case "PD1":
                    if (layout.Pd1 < 0)
                    {
                        layout.Pd1 = i;
                    }

                    break;
                case "NK1":
                    layout.NextOfKin.Add(i);
                    break;
                case "PV1":
                    if (layout.Pv1 < 0)
                    {
                        layout.Pv1 = i;
                    }

                    break;
                case "ORC":
                    group = new OrderGroup { Orc = i };
                    layout.Groups.Add(group);
                    break;
                case "RXA":
                    if (group is null || group.Rxa >= 0)
                    {
                        group = new OrderGroup();
                        layout.Groups.Add(group);
                        if (requireOrc)
                        {
                            group.MissingOrc = true;
                        }
                    }

                    group.Rxa = i;
                    group.Number = ++vaccinations;
                    break;
                case "RXR":
                    if (group is not { Rxa: >= 0 })
                    {
                        // After an ORC, it belongs to the vaccination that ORC's RXA will record.
                        issues.Report(Rules.RouteSegmentOutsideGroup, segment.Location, group is null ? null : vaccinations + 1);
                    }
                    else if (group.Rxr < 0)
                    {
                        group.Rxr = i;
                    }
                    else
                    {
                        issues.Report(Rules.RouteSegmentRepeated, segment.Location, group.Number);
                    }

                    break;
                case "OBX":
                    if (group is { Rxa: >= 0 })
                    {
                        group.Observations.Add(i);
                    }
                    else
                    {
                        issues.Report(Rules.ObservationOutsideGroup, segment.Location);
                    }

                    break;
                default:
                    break;
            }

            if (layout.Pid < 0 && segment.Id is "PD1" or "NK1" or "PV1" or "PV2" or "GT1" or "IN1" or "IN2" or "IN3" or "ORC" or "TQ1" or "TQ2" or "RXA" or "RXR" or "OBX" or "NTE")
            {
                (misplaced ??= []).Add(i);
            }
        }

        if (layout.Pid < 0)
        {
            issues.Report(Rules.PatientSegmentMissing, new Hl7Location("PID", 1));
        }
        else if (misplaced is not null)
        {
            // Only the first: one misplaced segment usually drags the rest of its group along.
            var first = message[misplaced[0]];
            issues.Report(Rules.SegmentOutOfOrder, first.Location, null, first.Id);
        }

        return layout;
    }
}

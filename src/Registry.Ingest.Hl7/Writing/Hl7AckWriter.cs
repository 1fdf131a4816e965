using System.Text;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Writes ACK messages as the CDC immunization guide shapes them: the Z23 profile for 2.5.1 (and for
/// any version we do not support), the older form for 2.3.1. Segments end in CR. Holds no state
/// but its options, so one instance can be shared.
/// </summary>
public sealed class Hl7AckWriter
{
    private readonly Hl7AckOptions options;

    public Hl7AckWriter(Hl7AckOptions? options = null)
    {
        this.options = options ?? new Hl7AckOptions();
    }

    public string Write(Hl7Ack ack)
    {
        var text = new StringBuilder(256);
        Write(ack, text);
        return text.ToString();
    }

    /// <summary>Appends one ACK message to <paramref name="destination"/>.</summary>
    public void Write(Hl7Ack ack, StringBuilder destination) => Write(ack, new Hl7MessageWriter(destination));

    internal void Write(Hl7Ack ack, Hl7MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(ack);
        bool v231 = ack.IsVersion231;
        WriteHeader(ack, v231, writer);

        writer.BeginSegment("MSA").Field(1, Code(ack.Code));
        if (ack.IncomingControlIdAsSent is { } asSent)
        {
            writer.Field(2).AsSent(asSent);
        }
        else
        {
            writer.Field(2, ack.IncomingControlId);
        }

        if (v231 && ack.Code != Hl7AckCode.Accept)
        {
            writer.Field(3, ack.Code == Hl7AckCode.Error ? "Application error" : "Application reject");
        }

        writer.EndSegment();
        if (v231)
        {
            Hl7ErrWriter.WriteVersion231(ack.Errors, writer);
        }
        else
        {
            Hl7ErrWriter.WriteVersion251(ack.Errors, writer);
        }
    }

    private void WriteHeader(Hl7Ack ack, bool v231, Hl7MessageWriter writer)
    {
        writer.BeginSegment("MSH");
        ack.IncomingReceivingApplication.OrIfEmpty(options.Application).WriteTo(writer.Field(3));
        ack.IncomingReceivingFacility.OrIfEmpty(options.Facility).WriteTo(writer.Field(4));
        ack.IncomingSendingApplication.WriteTo(writer.Field(5));
        ack.IncomingSendingFacility.WriteTo(writer.Field(6));
        writer.Field(7).Value(ack.Timestamp);
        writer.Field(9, "ACK").Component(2, "V04");
        if (!v231)
        {
            writer.Component(3, "ACK");
        }

        // MSH-12 names the form written, whatever the sender's version was (an unsupported one is
        // answered in 2.5.1, as the guide's own AR example for one does). MSH-11 echoes a processing
        // id of table 0103 only: the ACK of a message rejected for its MSH-11 must still carry one.
        writer.Field(10, ack.ControlId).Field(11, ProcessingId(ack.IncomingProcessingId)).Field(12, v231 ? "2.3.1" : "2.5.1");
        writer.Field(15, "NE").Field(16, "NE");
        if (ack.HasNonAsciiText(options))
        {
            // Table 0211: an MSH without MSH-18 declares ASCII, and this ACK is not.
            writer.Field(18, v231 ? "UNICODE" : "UNICODE UTF-8");
        }

        if (!v231)
        {
            writer.Field(21, "Z23").Component(2, "CDCPHINVS");
        }

        writer.EndSegment();
    }

    private static string ProcessingId(string incoming) => incoming is "P" or "T" or "D" ? incoming : "P";

    private static string Code(Hl7AckCode code) => code switch
    {
        Hl7AckCode.Accept => "AA",
        Hl7AckCode.Error => "AE",
        Hl7AckCode.Reject => "AR",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}

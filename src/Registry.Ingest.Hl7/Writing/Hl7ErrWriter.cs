namespace Registry.Ingest.Hl7;

/// <summary>The ERR segments of an ACK, errors first, then warnings, then information, stable within each.</summary>
internal static class Hl7ErrWriter
{
    private const Hl7ErrorSeverity LastSeverity = Hl7ErrorSeverity.Information;

    /// <summary>2.5.1: one ERR per issue, ERR-2 location, ERR-3 code, ERR-4 severity, ERR-5 application code, ERR-8 message.</summary>
    public static void WriteVersion251(IReadOnlyList<Hl7AckError> errors, Hl7MessageWriter writer)
    {
        for (var severity = Hl7ErrorSeverity.Error; severity <= LastSeverity; severity++)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                var error = errors[i];
                if (error.Severity == severity)
                {
                    writer.BeginSegment("ERR").Field(2);
                    WriteLocation(error.Location, writer);
                    writer.Field(3).Value(error.Code).Component(2, Hl7ErrorCodes.Text(error.Code)).Component(3, "HL70357");
                    writer.Field(4, SeverityCode(error.Severity));
                    if (error.ApplicationCode is int application)
                    {
                        writer.Field(5).Value(application).Component(2, Hl7ApplicationErrorCodes.Text(application)).Component(3, "HL70533");
                    }

                    writer.Field(8, error.WrittenUserMessage).EndSegment();
                }
            }
        }
    }

    /// <summary>
    /// 2.3.1: one ERR whose ERR-1 repeats <c>SEG^seq^field^code&amp;text&amp;HL70357</c>. The text is the
    /// user message, as 2.3.1 has no other place for it, or the table's text when there is none.
    /// </summary>
    public static void WriteVersion231(IReadOnlyList<Hl7AckError> errors, Hl7MessageWriter writer)
    {
        if (errors.Count == 0)
        {
            return;
        }

        writer.BeginSegment("ERR").Field(1);
        bool first = true;
        for (var severity = Hl7ErrorSeverity.Error; severity <= LastSeverity; severity++)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                var error = errors[i];
                if (error.Severity != severity)
                {
                    continue;
                }

                if (!first)
                {
                    writer.Repetition();
                }

                first = false;
                if (error.Location is { } location)
                {
                    writer.Value(location.SegmentId);
                    NumberIfPositive(writer.Component(2), location.SegmentSequence);
                    NumberIfPositive(writer.Component(3), location.Field);
                }

                var text = error.UserMessage.Length > 0 ? error.WrittenUserMessage : Hl7ErrorCodes.Text(error.Code);
                writer.Component(4).Value(error.Code).SubComponent(2, text).SubComponent(3, "HL70357");
            }
        }

        writer.EndSegment();
    }

    /// <summary>ERL: <c>SEG^seq^field^rep^comp^sub</c>, the repetition 1 when a field is named.</summary>
    private static void WriteLocation(Hl7Location? at, Hl7MessageWriter writer)
    {
        if (at is not { } location)
        {
            return;
        }

        writer.Value(location.SegmentId);
        Span<int> numbers = stackalloc int[5];
        int count = location.ErlNumbers(numbers);
        for (int i = 0; i < count; i++)
        {
            NumberIfPositive(writer.Component(i + 2), numbers[i]);
        }
    }

    private static void NumberIfPositive(Hl7MessageWriter writer, int number)
    {
        if (number > 0)
        {
            writer.Value(number);
        }
    }

    private static string SeverityCode(Hl7ErrorSeverity severity) => severity switch
    {
        Hl7ErrorSeverity.Error => "E",
        Hl7ErrorSeverity.Warning => "W",
        _ => "I",
    };
}

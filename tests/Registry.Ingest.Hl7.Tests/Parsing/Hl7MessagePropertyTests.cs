using FsCheck.Fluent;
using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7MessagePropertyTests
{
    private const int MaxIndex = 30;

    [Test]
    public void Parse_EncodedValueInAField_ReadsBackTheValue() =>
        PropertyCheck.ForAll(Hl7Gen.ValuesWithDelimiters, pair =>
        {
            var (value, d) = pair;
            string e = Hl7Escaping.Encode(value, d);
            string f = d.Field.ToString();
            string text = string.Concat(
                "MSH", f, d.EncodingCharacters, f, "EHR", string.Concat(Enumerable.Repeat(f, 7)), e, f, "P", "\r",
                "PID", f, "1", f, f, e, f, "x", d.Component.ToString(), e, d.SubComponent.ToString(), e, f, e, d.Repetition.ToString(), e, f);

            var result = Hl7Message.Parse(text);
            Assert.That(result.Succeeded, Is.True, () => $"{result.Error} in '{text}'");
            var header = result.Message!.Header;
            var pid = result.Message[1];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(pid.Field(3).Value, Is.EqualTo(value), "PID-3");
                Assert.That(pid.Field(3).IsNull, Is.False, "PID-3 IsNull");
                Assert.That(pid.Field(3).IsEmpty, Is.EqualTo(value.Length == 0), "PID-3 IsEmpty");
                Assert.That(pid.Field(3).HasValue, Is.EqualTo(value.Length > 0), "PID-3 HasValue");
                Assert.That(pid.Field(4).Component(1).Value, Is.EqualTo("x"), "PID-4.1");
                Assert.That(pid.Field(4).Component(2).SubComponent(1).Value, Is.EqualTo(value), "PID-4.2.1");
                Assert.That(pid.Field(4).Component(2).SubComponent(2).Value, Is.EqualTo(value), "PID-4.2.2");
                Assert.That(pid.Field(4).Component(3).IsEmpty, Is.True, "PID-4.3");
                Assert.That(pid.Field(5).Repetition(1).Value, Is.EqualTo(value), "PID-5[1]");
                Assert.That(pid.Field(5).Repetition(2).Value, Is.EqualTo(value), "PID-5[2]");
                Assert.That(pid.Field(5).RepetitionCount, Is.EqualTo(2), "PID-5 repetitions");
                Assert.That(pid.FieldCount, Is.EqualTo(6), "PID field count");
                Assert.That(header.Field(10).Value, Is.EqualTo(value), "MSH-10");
                Assert.That(header.Field(11).Value, Is.EqualTo("P"), "MSH-11");
            }
        });

    [Test]
    public void Parse_EncodedValueEndingItsSegment_KeepsItsTrailingWhiteSpace() =>
        PropertyCheck.ForAll(Hl7Gen.ValuesWithDelimiters, pair =>
        {
            var (value, d) = pair;
            string f = d.Field.ToString();
            string text = string.Concat("MSH", f, d.EncodingCharacters, f, "EHR\r", "PID", f, "1", f, f, Hl7Escaping.Encode(value + "  ", d), "\r\n");

            var result = Hl7Message.Parse(text);

            Assert.That(result.Succeeded, Is.True, () => $"{result.Error} in '{text}'");
            Assert.That(result.Message![1].Field(3).Value, Is.EqualTo(value + "  "));
        });

    [Test]
    public void Parse_AnyText_NeverThrows() =>
        PropertyCheck.ForAll(Hl7Gen.AnyStrings, text =>
        {
            var result = Hl7Message.Parse(text);
            if (result.Succeeded)
            {
                ReadEverything(result.Message);
            }
            else
            {
                Assert.That(result.Error.Reason, Is.Not.Empty);
            }
        });

    [Test]
    public void Parse_MessageLikeText_SucceedsOrFailsWithALine()
    {
        int succeeded = 0;
        int failed = 0;
        PropertyCheck.ForAll(Hl7Gen.MessageLikeTexts, text =>
        {
            var result = Hl7Message.Parse(text, firstLine: 7);
            if (result.Succeeded)
            {
                succeeded++;
                ReadFieldsAndComponents(result.Message);
                return;
            }

            failed++;
            int lines = text.Count(c => c is '\r' or '\n') + 7;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.Error.Reason, Is.Not.Empty);
                Assert.That(result.Error.Line, Is.InRange(7, lines));
            }
        });

        // Both paths must really be exercised, or the property proves little.
        Assert.That(succeeded, Is.GreaterThan(PropertyCheck.Cases / 5), "successful parses");
        Assert.That(failed, Is.GreaterThan(PropertyCheck.Cases / 5), "failed parses");
    }

    [Test]
    public void Read_AnyIndexUpTo30InAParsedMessage_NeverThrows()
    {
        // Every field x component x sub-component 1..30 of every segment: 27,900 reads per segment,
        // so fewer cases than the other properties.
        const int cases = 500;
        int succeeded = 0;
        PropertyCheck.ForAll(
            Hl7Gen.MessageLikeTexts,
            text =>
            {
                var result = Hl7Message.Parse(text);
                if (result.Succeeded)
                {
                    succeeded++;
                    ReadEverything(result.Message);
                }
            },
            cases);

        Assert.That(succeeded, Is.GreaterThan(cases / 5), "successful parses");
    }

    [Test]
    public void Parse_MessageLikeText_SegmentsAreInOrderWithRisingLines() =>
        PropertyCheck.ForAll(Hl7Gen.MessageLikeTexts, text =>
        {
            var result = Hl7Message.Parse(text);
            if (!result.Succeeded)
            {
                return;
            }

            var message = result.Message;
            Assert.That(message.Header.Id, Is.EqualTo("MSH"));
            int continued = 0;
            for (int i = 1; i < message.SegmentCount; i++)
            {
                Assert.That(message[i].Line, Is.GreaterThanOrEqualTo(message[i - 1].Line));

                // A segment's own line is segment text; a line after it that starts no segment may continue it.
                string segment = message[i].ToString();
                int end = segment.IndexOfAny(['\r', '\n', '\f']);
                continued += end < 0 ? 0 : 1;
                string own = end < 0 ? segment : segment[..end].TrimEnd(" \t\v\u001C\u001A\uFEFF".ToCharArray());
                Assert.That(Hl7Gen.IsSegmentText(own, message.Delimiters.Field), Is.True, segment);
            }

            Assert.That(continued, Is.LessThanOrEqualTo(message.ContinuedLines.Count), "only continued segments span lines");
        });

    private static void ReadFieldsAndComponents(Hl7Message message)
    {
        for (int i = 0; i < message.SegmentCount; i++)
        {
            var segment = message[i];
            _ = (segment.Id, segment.Sequence, segment.Line, segment.FieldCount, segment.Location, segment.ToString());
            for (int f = 1; f <= MaxIndex; f++)
            {
                var field = segment.Field(f);
                Touch(field);
                for (int n = 1; n <= MaxIndex; n++)
                {
                    Touch(field.Repetition(n));
                    Touch(field.Component(n));
                    Touch(field.SubComponent(n));
                }
            }
        }
    }

    private static void ReadEverything(Hl7Message message)
    {
        for (int i = 0; i < message.SegmentCount; i++)
        {
            var segment = message[i];
            for (int f = 1; f <= MaxIndex; f++)
            {
                var field = segment.Field(f);
                for (int c = 1; c <= MaxIndex; c++)
                {
                    var component = field.Component(c);
                    Touch(component);
                    for (int s = 1; s <= MaxIndex; s++)
                    {
                        var subComponent = component.SubComponent(s);
                        _ = (subComponent.Value, subComponent.IsNull, subComponent.Location);
                    }
                }
            }
        }
    }

    private static void Touch(Hl7Element element) =>
        _ = (element.Raw.Length, element.Value, element.IsNull, element.IsEmpty, element.HasValue, element.Location,
            element.RepetitionCount, element.ComponentCount);
}

namespace Registry.Ingest.Hl7;

/// <summary>
/// A field, repetition, component or sub-component: a span of the message text plus where it is.
/// Asking for a part that is not there gives an empty element at the right location.
/// </summary>
public readonly struct Hl7Element
{
    private readonly Hl7Message message;
    private readonly int start;
    private readonly int segmentIndex;
    private readonly Hl7ElementLevel level;
    private readonly int fieldNumber;
    private readonly int repetition;
    private readonly int component;
    private readonly int subComponent;

    internal Hl7Element(Hl7Message message, int segmentIndex, int start, int length, int field, Hl7ElementLevel level, int repetition = 0, int component = 0, int subComponent = 0)
    {
        this.message = message;
        this.segmentIndex = segmentIndex;
        this.start = start;
        Length = length;
        this.fieldNumber = field;
        this.level = level;
        this.repetition = repetition;
        this.component = component;
        this.subComponent = subComponent;
    }

    /// <summary>Number of characters of raw (still escaped) text.</summary>
    public int Length { get; }

    /// <summary>The text as it stands in the message, escapes not decoded.</summary>
    public ReadOnlySpan<char> Raw => message is null ? default : message.Slice(start, Length);

    /// <summary><c>||</c>: nothing sent, which means "no change".</summary>
    public bool IsEmpty => Length == 0;

    /// <summary><c>|""|</c>: the sender asks for the stored value to be deleted.</summary>
    public bool IsNull => Length == 2 && Raw.SequenceEqual("\"\"");

    /// <summary>A value other than empty or <c>""</c>.</summary>
    public bool HasValue => Length > 0 && !IsNull;

    /// <summary>
    /// The decoded value; empty for both empty and <c>""</c> (check <see cref="IsNull"/>). In a
    /// message with a segment continued on the next line, a raw line break in it reads as a space.
    /// </summary>
    public string Value => !HasValue ? string.Empty
        : !message.HasContinuedLines ? Hl7Escaping.Decode(Raw, message.Delimiters)
        : Hl7Escaping.Decode(Hl7Message.LineBreaksAsSpaces(Raw), message.Delimiters);

    /// <summary>
    /// The value as a code is matched: trimmed of padding, and decoded only when it holds an
    /// escape sequence (<c>\H\08\N\</c> is the code 08, as ERR-8 quotes it), so the usual
    /// code costs no allocation. Empty for both empty and <c>""</c>.
    /// </summary>
    public ReadOnlySpan<char> Code => !HasValue ? default
        : Raw.Contains(message.Delimiters.Escape) || message.HasContinuedLines ? Value.AsSpan().Trim()
        : Raw.Trim();

    public Hl7Location Location
    {
        get
        {
            var segment = new Hl7Segment(message, segmentIndex);
            int line = message.HasContinuedLines ? message.LineOf(segmentIndex, start) : segment.Line;
            return new Hl7Location(segment.Id, segment.Sequence, fieldNumber, repetition, component, subComponent, line);
        }
    }

    /// <summary>Number of repetitions present (0 when the field is empty).</summary>
    public int RepetitionCount => level switch
    {
        Hl7ElementLevel.Literal => Length == 0 ? 0 : 1,
        Hl7ElementLevel.Field => Length == 0 ? 0 : Raw.Count(message.Delimiters.Repetition) + 1,
        _ => 1,
    };

    /// <summary>Number of components present in this field's first repetition (or in this repetition).</summary>
    public int ComponentCount => level switch
    {
        Hl7ElementLevel.Field => Repetition(1).ComponentCount,
        Hl7ElementLevel.Repetition => Length == 0 ? 0 : Raw.Count(message.Delimiters.Component) + 1,
        _ => Length == 0 ? 0 : 1,
    };

    public Hl7Element Repetition(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return level switch
        {
            Hl7ElementLevel.Literal => number == 1 ? this : Child(Length, 0, Hl7ElementLevel.Literal, number, 0, 0),
            Hl7ElementLevel.Field => Split(message.Delimiters.Repetition, number, Hl7ElementLevel.Repetition, number, 0, 0),
            _ => throw new InvalidOperationException("Repetitions are taken from a field."),
        };
    }

    /// <summary>
    /// The repetitions of this field in order, found in one pass: a loop over
    /// <see cref="Repetition"/> rescans the field from its start for each one.
    /// </summary>
    public RepetitionEnumerator Repetitions() => level is Hl7ElementLevel.Literal or Hl7ElementLevel.Field
        ? new RepetitionEnumerator(this)
        : throw new InvalidOperationException("Repetitions are taken from a field.");

    /// <summary>Component <paramref name="number"/> (of the first repetition when this is a field).</summary>
    public Hl7Element Component(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return level switch
        {
            Hl7ElementLevel.Literal => number == 1 ? this : Child(Length, 0, Hl7ElementLevel.Literal, 1, number, 0),
            Hl7ElementLevel.Field => Repetition(1).Component(number),
            Hl7ElementLevel.Repetition => Split(message.Delimiters.Component, number, Hl7ElementLevel.Component, repetition, number, 0),
            _ => throw new InvalidOperationException("Components are taken from a field or a repetition."),
        };
    }

    /// <summary>Sub-component <paramref name="number"/> (of the first component when this is a field or repetition).</summary>
    public Hl7Element SubComponent(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return level switch
        {
            Hl7ElementLevel.Literal => number == 1 ? this : Child(Length, 0, Hl7ElementLevel.Literal, 1, 1, number),
            Hl7ElementLevel.Field or Hl7ElementLevel.Repetition => Component(1).SubComponent(number),
            Hl7ElementLevel.Component => Split(message.Delimiters.SubComponent, number, Hl7ElementLevel.SubComponent, repetition, component, number),
            _ => throw new InvalidOperationException("Sub-components are taken from a component."),
        };
    }

    /// <summary>
    /// The part a reader takes when it wants one value: component 1 of a field or repetition,
    /// sub-component 1 of a component, else the element itself. A date/time sent as TS with its
    /// degree of precision (<c>20240531^D</c>), or an ID sent with CE's components
    /// (<c>F^Female^HL70001</c>), reads as its first part.
    /// </summary>
    public Hl7Element Leading => level switch
    {
        Hl7ElementLevel.Field or Hl7ElementLevel.Repetition => Component(1),
        Hl7ElementLevel.Component => SubComponent(1),
        _ => this,
    };

    /// <summary>Compares the raw text with a code, without decoding or allocating.</summary>
    public bool Is(ReadOnlySpan<char> code) => Raw.SequenceEqual(code);

    public override string ToString() => Value;

    private Hl7Element Split(char separator, int number, Hl7ElementLevel childLevel, int rep, int comp, int sub)
    {
        var raw = Raw;
        int offset = 0;
        for (int i = 1; i < number; i++)
        {
            int next = raw[offset..].IndexOf(separator);
            if (next < 0)
            {
                return Child(raw.Length, 0, childLevel, rep, comp, sub);
            }

            offset += next + 1;
        }

        int length = raw[offset..].IndexOf(separator);
        if (length < 0)
        {
            length = raw.Length - offset;
        }

        return Child(offset, length, childLevel, rep, comp, sub);
    }

    private Hl7Element Child(int offset, int length, Hl7ElementLevel childLevel, int rep, int comp, int sub) =>
        new(message, segmentIndex, start + offset, length, fieldNumber, childLevel, rep, comp, sub);

    /// <summary>Walks a field's repetitions; see <see cref="Repetitions"/>.</summary>
    public ref struct RepetitionEnumerator
    {
        private readonly Hl7Element field;
        private int next; // offset in the field where the next repetition starts; past the end when done
        private int number;

        internal RepetitionEnumerator(Hl7Element field)
        {
            this.field = field;
            next = field.Length == 0 ? 1 : 0; // an empty field has no repetition at all
        }

        public Hl7Element Current { get; private set; }

        public readonly RepetitionEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (next > field.Length)
            {
                return false;
            }

            number++;
            if (field.level == Hl7ElementLevel.Literal)
            {
                Current = field;
                next = field.Length + 1;
                return true;
            }

            var rest = field.Raw[next..];
            int length = rest.IndexOf(field.message.Delimiters.Repetition);
            length = length < 0 ? rest.Length : length;
            Current = field.Child(next, length, Hl7ElementLevel.Repetition, number, 0, 0);
            next += length + 1;
            return true;
        }
    }
}

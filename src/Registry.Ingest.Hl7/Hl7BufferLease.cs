namespace Registry.Ingest.Hl7;

/// <summary>
/// Marks text that lives in a buffer the batch reader reuses. A message remembers the generation it
/// was read in and refuses access once the reader has moved on, instead of silently reading the
/// next message's bytes.
/// </summary>
internal sealed class Hl7BufferLease
{
    public int Generation { get; private set; }

    public void Advance() => Generation++;
}

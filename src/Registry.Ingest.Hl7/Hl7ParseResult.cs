using System.Diagnostics.CodeAnalysis;

namespace Registry.Ingest.Hl7;

/// <summary>A parsed message, or why the text is not one.</summary>
public readonly struct Hl7ParseResult
{
    private Hl7ParseResult(Hl7Message? message, Hl7ParseError? error)
    {
        Message = message;
        Error = error;
    }

    public Hl7Message? Message { get; }

    public Hl7ParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Message is not null;

    public static Hl7ParseResult Success(Hl7Message message) => new(message, null);

    public static Hl7ParseResult Failure(Hl7ParseError error) => new(null, error);
}

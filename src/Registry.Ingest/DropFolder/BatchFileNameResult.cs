using System.Diagnostics.CodeAnalysis;

namespace Registry.Ingest.DropFolder;

/// <summary>A parsed batch file name, or why the name is not one.</summary>
internal readonly struct BatchFileNameResult
{
    private BatchFileNameResult(BatchFileName? name, BatchFileNameError? error)
    {
        Name = name;
        Error = error;
    }

    public BatchFileName? Name { get; }

    public BatchFileNameError? Error { get; }

    [MemberNotNullWhen(true, nameof(Name))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Name is not null;

    public static BatchFileNameResult Success(BatchFileName name) => new(name, null);

    public static BatchFileNameResult Failure(BatchFileNameRule rule, string message) => new(null, new BatchFileNameError(rule, message));
}

using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Tests.Support;

/// <summary>A drop folder that fails one kind of operation, to stop the poller between two steps as a crash would.</summary>
internal sealed class FaultyDropFolder(IDropFolder inner) : IDropFolder
{
    public Func<string, Exception?> OnOpenRead { get; init; } = _ => null;

    public Func<string, Exception?> OnWrite { get; init; } = _ => null;

    public Func<string, Exception?> OnMove { get; init; } = _ => null;

    /// <summary>Wraps the stream of each file opened, e.g. to cancel once it is read.</summary>
    public Func<Stream, Stream> WrapRead { get; init; } = s => s;

    public string Location => inner.Location;

    /// <summary>How many times the folder was listed (once per poll).</summary>
    public int Listings { get; private set; }

    public IReadOnlyList<DropFolderEntry> List()
    {
        Listings++;
        return inner.List();
    }

    public DropFolderEntry? Find(string name) => inner.Find(name);

    public Stream OpenRead(string name) => OnOpenRead(name) is { } e ? throw e : WrapRead(inner.OpenRead(name));

    public bool EndsWithLineBreak(DropFolderEntry entry) => OnOpenRead(entry.Name) is { } e ? throw e : inner.EndsWithLineBreak(entry);

    public void WriteAtomically(string name, Stream content)
    {
        if (OnWrite(name) is { } e)
        {
            throw e;
        }

        inner.WriteAtomically(name, content);
    }

    public string Move(string name, string subfolder) => OnMove(name) is { } e ? throw e : inner.Move(name, subfolder);

    public void Delete(string name) => inner.Delete(name);

    public IReadOnlyList<CheckItem> Check(IReadOnlyList<Subfolder> subfolders) => inner.Check(subfolders);

    public void Dispose() => inner.Dispose();
}

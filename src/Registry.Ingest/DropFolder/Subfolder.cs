namespace Registry.Ingest.DropFolder;

/// <summary>
/// A subfolder of the drop folder that originals are moved into, with the setting that names it,
/// and what <c>check</c> says of it. A missing one is fine (the worker creates it at its first
/// move, in a folder already shown writable); a file in its place, or a folder the worker may not
/// write to, would make every move fail.
/// </summary>
internal sealed record Subfolder(string Name, string Setting)
{
    public string ItemName => $"Subfolder {Name} usable";

    public CheckItem Missing() => CheckItem.Pass(ItemName, "not there yet: the worker creates it at its first move");

    public CheckItem Writable(string path) => CheckItem.Pass(ItemName, $"{path}: a test file was written and deleted");

    public CheckItem NotAFolder(string path) => CheckItem.Fail(
        ItemName, $"'{path}' is a file, not a folder: originals cannot be moved into it.", $"Remove or rename that file, or set {Setting} to another name.");

    public CheckItem Link(string path) => CheckItem.Fail(
        ItemName, $"'{path}' is a link, not a folder of the drop folder: originals moved into it would go wherever it points.", $"Replace the link by a real folder, or set {Setting} to another name.");

    /// <summary>Why originals are not moved into a subfolder that is not a real folder of the drop folder (the move's refusal).</summary>
    public static IOException NotAFolderToMoveInto(string subfolder, bool link) => new(
        $"The subfolder '{subfolder}' is {(link ? "a link" : "a file")}, not a folder of the drop folder, so originals are not moved into it; replace it by a real folder or set another subfolder name.");

    public CheckItem NotWritable(string message, string account) => CheckItem.Fail(
        ItemName, message, $"Give {account} write access to that folder, or set {Setting} to another name.");
}

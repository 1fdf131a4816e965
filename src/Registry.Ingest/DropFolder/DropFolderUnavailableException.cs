namespace Registry.Ingest.DropFolder;

/// <summary>The drop folder itself cannot be reached: server down, login refused, folder missing. Transient for the poller.</summary>
internal sealed class DropFolderUnavailableException : IOException
{
    public DropFolderUnavailableException()
    {
    }

    public DropFolderUnavailableException(string message)
        : base(message)
    {
    }

    public DropFolderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

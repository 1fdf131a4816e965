using System.Diagnostics;

namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>
/// Stops (SIGSTOP) every per-connection process of the private sshd, so that open connections
/// stay up but the server never answers; continues them (SIGCONT) on dispose.
/// </summary>
internal sealed class FrozenSessions : IDisposable
{
    private readonly List<int> stopped = [];

    public FrozenSessions(SshServer server)
    {
        int listener = int.Parse(File.ReadAllText(Path.Combine(server.Directory, "sshd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var pending = new Queue<int>(ChildrenOf(listener));
        while (pending.TryDequeue(out int pid))
        {
            Signal("STOP", pid);
            stopped.Add(pid);
            foreach (int child in ChildrenOf(pid))
            {
                pending.Enqueue(child);
            }
        }
    }

    public int Count => stopped.Count;

    public void Dispose() => stopped.ForEach(pid => Signal("CONT", pid));

    private static List<int> ChildrenOf(int pid)
    {
        string path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path)
            ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}

using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// A libssh object pointer. A handle made from another (a file from its SFTP session, an SFTP
/// session from its SSH session) holds a reference on that parent, so the parent is freed only
/// after every child: disposing in any order, or finalizing, never frees a session under a file.
/// </summary>
internal abstract class LibSshHandle : SafeHandle
{
    private SafeHandle? parent;

    protected LibSshHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Ties this handle's lifetime to <paramref name="owner"/>; a no-op on a NULL result.</summary>
    public void KeepAlive(SafeHandle owner)
    {
        if (IsInvalid)
        {
            return;
        }

        bool added = false;
        owner.DangerousAddRef(ref added);
        parent = owner;
    }

    protected sealed override bool ReleaseHandle()
    {
        try
        {
            Free(handle);
        }
        finally
        {
            parent?.DangerousRelease();
        }

        return true;
    }

    protected abstract void Free(nint value);
}

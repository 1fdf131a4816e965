namespace Registry.Ingest.Hosting;

/// <summary>SERVICE_STATUS.dwControlsAccepted flags (winsvc.h).</summary>
[Flags]
internal enum ServiceAcceptedControls : uint
{
    None = 0,
    Stop = 0x1,
    Shutdown = 0x4,
}

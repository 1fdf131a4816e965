namespace Registry.Ingest.Hosting;

/// <summary>SERVICE_STATUS.dwCurrentState values (winsvc.h).</summary>
internal enum ServiceState : uint
{
    Stopped = 1,
    StartPending = 2,
    StopPending = 3,
    Running = 4,
}

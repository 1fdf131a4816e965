namespace Registry.Ingest.Hosting;

/// <summary>The SERVICE_CONTROL_* codes the Service Control Manager sends to HandlerEx (winsvc.h).</summary>
internal enum ServiceControl : uint
{
    Stop = 0x1,
    Pause = 0x2,
    Continue = 0x3,
    Interrogate = 0x4,
    Shutdown = 0x5,
    ParamChange = 0x6,
    Preshutdown = 0xF,
}

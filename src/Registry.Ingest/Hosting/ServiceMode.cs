namespace Registry.Ingest.Hosting;

/// <summary>How the host's lifetime is tied to the operating system.</summary>
internal enum ServiceMode
{
    /// <summary>Ctrl+C and SIGTERM stop the host (the default ConsoleLifetime).</summary>
    Console,

    /// <summary>Console lifetime (systemd stops with SIGTERM) plus sd_notify READY/STOPPING/WATCHDOG.</summary>
    Systemd,

    /// <summary>The Windows Service Control Manager starts and stops the host.</summary>
    WindowsService,
}

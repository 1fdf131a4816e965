using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Hosting;

/// <summary>
/// One call for the <c>run</c> verb: <c>builder.UseServiceLifetime(runAsService)</c> picks the
/// Windows service lifetime, systemd notifications, or a plain console lifetime.
/// </summary>
internal static class ServiceLifetimeExtensions
{
    /// <summary>
    /// Which lifetime to use. On Windows an explicit <c>--service</c> flag decides: guessing from the
    /// parent process (services.exe) is fragile and hides the intent in the service's command line.
    /// Elsewhere systemd is recognised by the <c>NOTIFY_SOCKET</c> it sets for <c>Type=notify</c>
    /// units; the flag changes nothing there, so one command line works everywhere.
    /// </summary>
    public static ServiceMode Select(bool serviceFlag, bool isWindows, string? notifySocket) =>
        isWindows ? (serviceFlag ? ServiceMode.WindowsService : ServiceMode.Console)
        : string.IsNullOrEmpty(notifySocket) ? ServiceMode.Console
        : ServiceMode.Systemd;

    public static ServiceMode SelectForThisProcess(bool serviceFlag) => Select(
        serviceFlag, OperatingSystem.IsWindows(), Environment.GetEnvironmentVariable(SystemdNotifier.SocketVariable));

    public static IHostApplicationBuilder UseServiceLifetime(this IHostApplicationBuilder builder, bool runAsService)
    {
        builder.Services.AddServiceLifetime(SelectForThisProcess(runAsService));
        return builder;
    }

    public static IHostBuilder UseServiceLifetime(this IHostBuilder builder, bool runAsService) =>
        builder.ConfigureServices(services => services.AddServiceLifetime(SelectForThisProcess(runAsService)));

    /// <summary>Registers the lifetime of <paramref name="mode"/>; tests pass their own SCM and notifier.</summary>
    public static IServiceCollection AddServiceLifetime(
        this IServiceCollection services,
        ServiceMode mode,
        IServiceControlManager? serviceControlManager = null,
        SystemdNotifier? notifier = null,
        TimeSpan? watchdogInterval = null)
    {
        switch (mode)
        {
            case ServiceMode.Systemd:
                // systemd's journal stamps every line; "Press Ctrl+C to shut down" means nothing there.
                services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SystemdNotifierService>(sp => new SystemdNotifierService(
                    notifier ?? SystemdNotifier.FromEnvironment(),
                    notifier is null ? SystemdNotifier.WatchdogIntervalFromEnvironment() : watchdogInterval,
                    sp.GetRequiredService<IHostApplicationLifetime>(),
                    sp.GetService<TimeProvider>() ?? TimeProvider.System,
                    sp.GetRequiredService<ILogger<SystemdNotifierService>>())));
                break;
            case ServiceMode.WindowsService:
                var scm = serviceControlManager ?? NativeServiceControlManager();
                services.AddSingleton<IHostLifetime>(sp => new WindowsServiceLifetime(
                    scm,
                    sp.GetRequiredService<IHostApplicationLifetime>(),
                    sp,
                    sp.GetService<TimeProvider>() ?? TimeProvider.System,
                    sp.GetRequiredService<ILogger<WindowsServiceLifetime>>()));
                break;
            case ServiceMode.Console:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }

        return services;
    }

    private static Advapi32ServiceControlManager NativeServiceControlManager() =>
        OperatingSystem.IsWindows()
            ? new Advapi32ServiceControlManager()
            : throw new PlatformNotSupportedException("A Windows service can only run on Windows.");
}

using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>Which lifetime the run verb gets from the --service flag, the OS and systemd's NOTIFY_SOCKET.</summary>
[TestFixture]
internal sealed class ServiceModeTests
{
    [TestCase(true, true, null, ServiceMode.WindowsService)]
    [TestCase(false, true, null, ServiceMode.Console)]
    [TestCase(false, true, "/run/systemd/notify", ServiceMode.Console)]
    [TestCase(false, false, "/run/systemd/notify", ServiceMode.Systemd)]
    [TestCase(true, false, "@/org/freedesktop/systemd1/notify", ServiceMode.Systemd)]
    [TestCase(true, false, null, ServiceMode.Console)]
    [TestCase(false, false, "", ServiceMode.Console)]
    public void Select_FlagOsAndNotifySocket_PicksTheLifetime(bool serviceFlag, bool isWindows, string? notifySocket, ServiceMode expected)
    {
        Assert.That(ServiceLifetimeExtensions.Select(serviceFlag, isWindows, notifySocket), Is.EqualTo(expected));
    }
}

using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>sd_notify over a real unix datagram socket, as systemd receives it.</summary>
[TestFixture]
internal sealed class SystemdNotifierTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public void Send_PathSocket_SystemdReceivesEachState()
    {
        using var systemd = NotifySocket.InTempFolder();
        using var notifier = new SystemdNotifier(systemd.Address);

        Assert.That(notifier.Ready(), Is.True);
        Assert.That(systemd.Receive(Wait), Is.EqualTo("READY=1"));
        notifier.Status("Polling the drop folder");
        Assert.That(systemd.Receive(Wait), Is.EqualTo("STATUS=Polling the drop folder"));
        notifier.Watchdog();
        Assert.That(systemd.Receive(Wait), Is.EqualTo("WATCHDOG=1"));
        notifier.Stopping();
        Assert.That(systemd.Receive(Wait), Is.EqualTo("STOPPING=1"));
    }

    [Test]
    public void Send_AbstractSocketWrittenWithAt_SystemdReceivesIt()
    {
        using var systemd = NotifySocket.Abstract();
        using var notifier = new SystemdNotifier(systemd.Address);

        Assert.That(notifier.Ready(), Is.True);
        Assert.That(systemd.Receive(Wait), Is.EqualTo("READY=1"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("@")]
    [TestCase("relative/notify.sock")]
    [TestCase("vsock:2:1234")]
    public void Send_NoUsableNotifySocket_IsANoOp(string? notifySocket)
    {
        using var notifier = new SystemdNotifier(notifySocket);

        Assert.That(notifier.IsEnabled, Is.False);
        Assert.That(notifier.Ready(), Is.False);
    }

    [Test]
    public void Send_SystemdGone_ReturnsFalseWithoutThrowing()
    {
        string address;
        using (var systemd = NotifySocket.InTempFolder())
        {
            address = systemd.Address;
        }

        using var notifier = new SystemdNotifier(address);

        Assert.That(notifier.Ready(), Is.False);
    }

    [Test]
    public void Status_TextWithLineBreaks_SentAsOneAssignment()
    {
        using var systemd = NotifySocket.InTempFolder();
        using var notifier = new SystemdNotifier(systemd.Address);

        notifier.Status("line one\nREADY=1\r\nline three");

        Assert.That(systemd.Receive(Wait), Is.EqualTo("STATUS=line one READY=1 line three"));
    }

    [TestCase("1000000", null, 42, 500)]
    [TestCase("1000000", "", 42, 500)]
    [TestCase("1000000", "42", 42, 500)]
    [TestCase("30000000", null, 42, 15000)]
    [TestCase("1000000", "43", 42, null)]
    [TestCase("1000000", "x", 42, null)]
    [TestCase("0", null, 42, null)]
    [TestCase("-5", null, 42, null)]
    [TestCase("soon", null, 42, null)]
    [TestCase(null, null, 42, null)]
    public void WatchdogInterval_Environment_IsHalfOfWatchdogUsecForThisProcess(string? usec, string? pid, int currentPid, int? expectedMilliseconds)
    {
        var interval = SystemdNotifier.WatchdogInterval(usec, pid, currentPid);

        Assert.That(interval, Is.EqualTo(expectedMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null));
    }
}

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class ConnectionOptionsTests
{
    private static readonly SftpConnectionOptions Valid = new()
    {
        Host = "127.0.0.1",
        UserName = "clinic",
        Password = "secret",
        KnownHostsPath = "/etc/registry/known_hosts",
    };

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return Row("no host key check", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = v.Password }), "KnownHostsPath");
        yield return Row("both host key checks", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = v.Password, KnownHostsPath = "k", HostKeySha256 = "SHA256:abc" }), "KnownHostsPath");
        yield return Row("no credentials", Copy(v => new() { Host = v.Host, UserName = v.UserName, KnownHostsPath = "k" }), "Password");
        yield return Row("password and key", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", PrivateKeyPath = "/k", KnownHostsPath = "k" }), "Password");
        yield return Row("passphrase without key", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", PrivateKeyPassphrase = "x", KnownHostsPath = "k" }), "PrivateKeyPassphrase");
        yield return Row("fingerprint without prefix", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", HostKeySha256 = "R83fztbHzPTD" }), "HostKeySha256");
        yield return Row("MD5 fingerprint", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", HostKeySha256 = "MD5:aa:bb" }), "HostKeySha256");
        yield return Row("port 0", Copy(v => new() { Host = v.Host, Port = 0, UserName = v.UserName, Password = "p", KnownHostsPath = "k" }), "Port");
        yield return Row("empty host", Copy(v => new() { Host = " ", UserName = v.UserName, Password = "p", KnownHostsPath = "k" }), "Host");
        yield return Row("empty user", Copy(v => new() { Host = v.Host, UserName = "", Password = "p", KnownHostsPath = "k" }), "UserName");
        yield return Row("zero connect timeout", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", KnownHostsPath = "k", ConnectTimeout = TimeSpan.Zero }), "ConnectTimeout");
        yield return Row("negative operation timeout", Copy(v => new() { Host = v.Host, UserName = v.UserName, Password = "p", KnownHostsPath = "k", OperationTimeout = TimeSpan.FromSeconds(-1) }), "OperationTimeout");
    }

    [TestCaseSource(nameof(Invalid))]
    public void Connect_InvalidOptions_ThrowsArgumentExceptionNamingTheProperty(SftpConnectionOptions options, string property)
    {
        var e = Assert.Throws<ArgumentException>(() => SftpClient.Connect(options));

        Assert.That(e.ParamName, Is.EqualTo(property));
        Assert.That(e.Message, Does.StartWith($"SftpConnectionOptions.{property} "));
    }

    [Test]
    public void Validate_PasswordAndKnownHosts_Passes() => Assert.DoesNotThrow(Valid.Validate);

    private static TestCaseData Row(string name, SftpConnectionOptions options, string property) =>
        new TestCaseData(options, property).SetArgDisplayNames(name);

    private static SftpConnectionOptions Copy(Func<SftpConnectionOptions, SftpConnectionOptions> change) => change(Valid);
}

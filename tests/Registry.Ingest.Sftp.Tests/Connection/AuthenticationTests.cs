using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class AuthenticationTests
{
    private SshServer server = null!;

    [OneTimeSetUp]
    public async Task FindServer() => server = await SshServer.GetAsync();

    [Test]
    public void Connect_Ed25519Key_ListsTheDropFolder()
    {
        using SftpClient client = SftpClient.Connect(server.KeyOptions());

        Assert.That(client.List(server.DropFolder), Is.Not.Null);
    }

    [Test]
    public void Connect_RsaKeyWithPassphrase_AuthenticatesWithRsaSha2()
    {
        // OpenSSH >= 8.8 refuses ssh-rsa (SHA-1) signatures: this works only if libssh signs with rsa-sha2.
        using SftpClient client = SftpClient.Connect(RsaOptions(server.RsaKeyPassphrase));

        Assert.That(client.Exists(server.DropFolder), Is.True);
    }

    [Test]
    public void Connect_RsaKeyWrongPassphrase_ThrowsPrivateKeyUnreadableWithoutThePassphrase()
    {
        const string wrong = "not-the-passphrase-4711";

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(RsaOptions(wrong)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.PrivateKeyUnreadable));
        Assert.That(e.Message, Does.Contain(server.RsaKeyPath).And.Contain("passphrase is wrong"));
        Assert.That(e.ToString(), Does.Not.Contain(wrong).And.Not.Contain(server.RsaKeyPassphrase));
    }

    [Test]
    public void Connect_EncryptedKeyWithoutPassphrase_ThrowsPrivateKeyUnreadable()
    {
        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(RsaOptions(null)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.PrivateKeyUnreadable));
        Assert.That(e.Message, Does.Contain("needs a passphrase and none was given"));
    }

    [Test]
    public void Connect_KeyFileMissing_ThrowsPrivateKeyUnreadable()
    {
        string missing = Path.Combine(server.Directory, "keys", "no_such_key");
        var options = new SftpConnectionOptions
        {
            Host = server.Host,
            Port = server.Port,
            UserName = server.UserName,
            PrivateKeyPath = missing,
            KnownHostsPath = server.KnownHostsPath,
        };

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(options));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.PrivateKeyUnreadable));
        Assert.That(e.Message, Does.Contain(missing).And.Contain("does not exist or cannot be read"));
    }

    [Test]
    public void Connect_KeyNotInAuthorizedKeys_ThrowsAuthenticationFailedNamingTheKeyFile()
    {
        // The server's own host key is a valid private key that no user is authorized with.
        string stranger = Path.Combine(server.Directory, "etc", "ssh_host_ed25519_key");
        var options = new SftpConnectionOptions
        {
            Host = server.Host,
            Port = server.Port,
            UserName = server.UserName,
            PrivateKeyPath = stranger,
            KnownHostsPath = server.KnownHostsPath,
        };

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(options));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.AuthenticationFailed));
        Assert.That(e.Message, Does.Contain($"refused user '{server.UserName}'").And.Contain(stranger));
    }

    [Test]
    public void Connect_Password_Authenticates()
    {
        RequirePasswordUser();

        using SftpClient client = SftpClient.Connect(PasswordOptions(server.Password!));

        Assert.That(client.List(server.DropFolder), Is.Not.Null);
    }

    [Test]
    public void Connect_WrongPassword_ThrowsAuthenticationFailedWithoutThePassword()
    {
        RequirePasswordUser();
        const string wrong = "wrong-password-0815";

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(PasswordOptions(wrong)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.AuthenticationFailed));
        Assert.That(e.Message, Does.Contain($"refused user '{server.PasswordUser}' authenticating with a password"));
        Assert.That(e.ToString(), Does.Not.Contain(wrong).And.Not.Contain(server.Password!));
    }

    [Test]
    public async Task Upload_FolderTheUserMayNotWrite_ThrowsPermissionDenied()
    {
        RequirePasswordUser();
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();   // owned by root, mode 755
        using SftpClient client = SftpClient.Connect(PasswordOptions(server.Password!));

        var e = Assert.Throws<SftpException>(() => client.Upload(new MemoryStream([1, 2, 3]), folder.Combine("x.txt")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.PermissionDenied));
        Assert.That(e.SftpStatus, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("Permission denied"));
    }

    private void RequirePasswordUser()
    {
        if (server.PasswordUser is null)
        {
            Assert.Ignore("Password login needs a local account with a password, which sshd-private.sh creates only when run as root.");
        }
    }

    private SftpConnectionOptions RsaOptions(string? passphrase) => new()
    {
        Host = server.Host,
        Port = server.Port,
        UserName = server.UserName,
        PrivateKeyPath = server.RsaKeyPath,
        PrivateKeyPassphrase = passphrase,
        KnownHostsPath = server.KnownHostsPath,
    };

    private SftpConnectionOptions PasswordOptions(string password) => new()
    {
        Host = server.Host,
        Port = server.Port,
        UserName = server.PasswordUser!,
        Password = password,
        KnownHostsPath = server.KnownHostsPath,
    };
}

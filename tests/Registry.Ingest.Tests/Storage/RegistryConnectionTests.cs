using Microsoft.Extensions.Configuration;
using Registry.Ingest.Storage;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>Database passwords come from the environment or a password file, never from a configuration file.</summary>
[TestFixture]
internal sealed class RegistryConnectionTests
{
    private TempFolder temp = null!;

    [SetUp]
    public void Create() => temp = TempFolder.ForCaller();

    [TearDown]
    public void Delete() => temp.Dispose();

    [TestCase("Registry")]
    [TestCase("RegistryOwner")]
    public void ForApp_PasswordInAJsonFile_FailsNamingTheKeyWithoutTheSecret(string name)
    {
        var json = temp.Combine("appsettings.json");
        File.WriteAllText(json, $$"""{ "ConnectionStrings": { "{{name}}": "Host=db;Database=registry;Username=registry_app;Password=hunter2" } }""");
        var configuration = new ConfigurationBuilder().AddJsonFile(json).Build();

        var e = Assert.Throws<InvalidOperationException>(() => RegistryConnection.ForApp(configuration, new DatabaseOptions()));

        Assert.That(e!.Message, Does.StartWith($"ConnectionStrings:{name} in the configuration file").And.Contain($"ConnectionStrings__{name}").And.Not.Contain("hunter2"));
    }

    [Test]
    public void ForApp_PasswordInTheEnvironmentOverAFileWithout_IsUsed()
    {
        var json = temp.Combine("appsettings.json");
        File.WriteAllText(json, """{ "ConnectionStrings": { "Registry": "Host=db;Database=registry;Username=registry_app" } }""");
        var configuration = new ConfigurationBuilder().AddJsonFile(json)
            .AddInMemoryCollection([new("ConnectionStrings:Registry", "Host=db;Database=registry;Username=registry_app;Password=from-env")])
            .Build();

        Assert.That(RegistryConnection.ForApp(configuration, new DatabaseOptions()), Does.Contain("Password=from-env"));
    }
}

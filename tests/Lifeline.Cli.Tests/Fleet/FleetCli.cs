using Lifeline.Cli.Tests.Fakes;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>
/// A <see cref="CliRunner"/> wired to a <see cref="FakeFleetService"/>, with its own config directory
/// (XDG_CONFIG_HOME in a temp folder, so the real ~/.config is never touched). Logged in through the environment
/// (LIFELINE_URL, LIFELINE_TOKEN) unless <paramref name="loggedIn"/> is false.
/// </summary>
internal sealed class FleetCli : IDisposable
{
    public const string Token = "ll_abc123def456_SECRETsecretSECRETsecretSECRETsecret1234";

    public FleetCli(bool loggedIn = true)
    {
        ConfigHome = Directory.CreateTempSubdirectory("lifeline-cli-test-").FullName;
        Runner.FleetHandler = Service;
        Runner.Environment.Set("XDG_CONFIG_HOME", ConfigHome);
        Runner.Environment.Set("HOME", ConfigHome);
        if (loggedIn)
        {
            Runner.Environment.Set("LIFELINE_URL", FakeFleetService.Url);
            Runner.Environment.Set("LIFELINE_TOKEN", Token);
        }
    }

    public CliRunner Runner { get; } = new();

    public FakeFleetService Service { get; } = new();

    public string ConfigHome { get; }

    public string ConfigPath => Path.Combine(ConfigHome, "lifeline", "config.json");

    public FakeTerminal Terminal => Runner.Terminal;

    public string[] OutputLines => Runner.OutputLines;

    public Task<int> RunAsync(params string[] args) => Runner.RunAsync(args);

    public void Dispose()
    {
        Service.Dispose();
        try
        {
            Directory.Delete(ConfigHome, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

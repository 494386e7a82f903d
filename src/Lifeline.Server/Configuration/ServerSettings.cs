namespace Lifeline.Server.Configuration;

/// <summary>
/// The <c>Lifeline</c> configuration section (appsettings.json, <c>LIFELINE__...</c> environment variables, command
/// line <c>--Lifeline:Listen=...</c>). Every key has a default that runs a single-node service on loopback.
/// </summary>
public sealed class ServerSettings
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string SectionName = "Lifeline";

    /// <summary>Default listen URL: loopback only, port 8600.</summary>
    public const string DefaultListen = "http://127.0.0.1:8600";

    /// <summary>Where Kestrel listens (one URL, or several separated by ';'). Port 0 picks a free port.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>
    /// Where the service keeps its database and key. Default: <c>$STATE_DIRECTORY</c> (systemd <c>StateDirectory=</c>),
    /// else <c>~/.local/share/lifeline</c>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a stopping service waits for running operations and BMC sessions to close.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public AuthSettings Auth { get; set; } = new();

    public ClusterSettings Cluster { get; set; } = new();

    public ConsoleSettings Consoles { get; set; } = new();

    public MetricsSettings Metrics { get; set; } = new();

    public MonitoringSettings Monitoring { get; set; } = new();

    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>The data directory, resolved as documented on <see cref="DataDirectory"/>.</summary>
    public string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(DataDirectory);
        }

        var state = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
        if (!string.IsNullOrWhiteSpace(state))
        {
            // systemd may pass several directories separated by ':'; the first is ours
            return state.Split(':')[0];
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "lifeline");
    }
}

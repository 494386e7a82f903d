using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server;

/// <summary>What the hosting process (<c>lifeline serve</c>, <c>lifeline demo</c>, tests) adds to the configuration.</summary>
public sealed class LifelineServerOptions
{
    /// <summary>
    /// Called once, at startup, with the password generated for the first <c>admin</c> user when no user existed and
    /// none was configured. The caller shows it to a person; the service never logs it. When null, the password is
    /// written to standard error.
    /// </summary>
    public Action<string>? AdminPasswordCreated { get; set; }

    /// <summary>Settings that win over every other source (keys like <c>Lifeline:Listen</c>).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>An extra JSON configuration file (e.g. <c>/etc/lifeline/lifeline.json</c>); must exist when set.</summary>
    public string? ConfigurationFile { get; set; }

    /// <summary>The clock of the service (tests pass a FakeTimeProvider); the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Runs after the service's own registrations: replace or add services here.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Adds or replaces logging providers (after the defaults).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// Runs on the Orleans silo builder after the clustering chosen by <c>Lifeline:Cluster:Mode</c>: the seam for
    /// other clustering (mode <c>custom</c>), persistence or dashboards.
    /// </summary>
    public Action<Orleans.Hosting.ISiloBuilder>? ConfigureSilo { get; set; }
}

using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// Makes <see cref="FleetClient"/>s for the service the user is logged in to (<see cref="ServiceEndpoint.Resolve"/>).
/// </summary>
public sealed class FleetClientFactory
{
    private readonly IEnvironment _environment;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;
    private readonly FleetHttp _http;
    private bool _warned;

    public FleetClientFactory(IEnvironment environment, ITerminal terminal, TimeProvider time, FleetHttp http)
    {
        _environment = environment;
        _terminal = terminal;
        _time = time;
        _http = http;
        Config = new FleetConfigStore(environment);
    }

    /// <summary>The user's config file.</summary>
    public FleetConfigStore Config { get; }

    /// <summary>The service and token to use; warns (once) when the config file is readable by others.</summary>
    /// <exception cref="UsageException">No service configured, or (with <paramref name="requireToken"/>) no token.</exception>
    public ServiceEndpoint Endpoint(bool requireToken = true)
    {
        var config = LoadConfig();
        var endpoint = ServiceEndpoint.Resolve(_environment, config);
        if (requireToken && endpoint.Token is null)
        {
            string shown = ServiceUrl.Show(endpoint.Root);
            throw new UsageException($"not logged in to {shown}: run lifeline login {shown} (or set {ServiceEndpoint.TokenVariable})");
        }

        return endpoint;
    }

    /// <summary>The config file's contents, or null; warns (once) when others may read it.</summary>
    public FleetConfig? LoadConfig()
    {
        var config = Config.Load();
        if (config?.Token is not null && !_warned && Config.IsExposed())
        {
            _warned = true;
            _terminal.Error.WriteLine($"lifeline: WARNING: {Config.Path} holds a token and others may read it; run chmod 600 {Config.Path}");
        }

        return config;
    }

    /// <summary>A client for the resolved endpoint.</summary>
    public FleetClient Create(TimeSpan timeout, bool requireToken = true) => Create(Endpoint(requireToken), timeout);

    /// <summary>A client for <paramref name="endpoint"/>.</summary>
    public FleetClient Create(ServiceEndpoint endpoint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new FleetClient(endpoint.Root, endpoint.Token, _http.Handler, timeout, _time);
    }
}

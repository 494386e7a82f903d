namespace Lifeline.Cli.Fleet;

/// <summary>
/// The HTTP handler every <see cref="FleetClient"/> of a process shares (one connection pool). Tests register their
/// own with a stub handler.
/// </summary>
public sealed class FleetHttp : IDisposable
{
    private readonly bool _owned;

    /// <summary>The real network: sockets with a 10 s connect limit.</summary>
    public FleetHttp()
        : this(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) }, owned: true)
    {
    }

    /// <summary>A given handler (not disposed with this object).</summary>
    public FleetHttp(HttpMessageHandler handler)
        : this(handler, owned: false)
    {
    }

    private FleetHttp(HttpMessageHandler handler, bool owned)
    {
        Handler = handler;
        _owned = owned;
    }

    public HttpMessageHandler Handler { get; }

    public void Dispose()
    {
        if (_owned)
        {
            Handler.Dispose();
        }
    }
}

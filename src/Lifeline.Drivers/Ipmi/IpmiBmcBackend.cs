using System.Net;
using System.Net.Sockets;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Transport;
using Microsoft.Extensions.Logging;
using IpmiPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Drivers.Ipmi;

/// <summary>
/// The real backend: every verb is one short conversation with one BMC over IPMI 2.0 / RMCP+ — open a session on the
/// process-wide socket pool, run the typed commands, close the session. Split by verb group into partial files.
/// </summary>
/// <remarks>
/// Where a verb gets its session is the one seam between the two modes: the CLI's direct mode opens one per verb and
/// closes it after; a warm backend (<see cref="CreateWarm"/>, one per BMC, owned by a fleet node grain) keeps one
/// session open with keep-alive and re-opens it when the BMC forgot it. The verb code is the same.
/// </remarks>
public sealed partial class IpmiBmcBackend : IBmcBackend, IAsyncDisposable, IDisposable
{
    private readonly IpmiUdpTransport _transport;
    private readonly TimeProvider _time;
    private readonly bool _ownsTransport;
    private readonly WarmIpmiSession? _warm;

    public IpmiBmcBackend()
        : this(new IpmiUdpTransport(socketCount: Math.Clamp(Environment.ProcessorCount * 4, 4, 32)), TimeProvider.System)
    {
    }

    /// <summary>A backend that disposes <paramref name="transport"/> with itself.</summary>
    public IpmiBmcBackend(IpmiUdpTransport transport, TimeProvider timeProvider)
        : this(transport, timeProvider, ownsTransport: true)
    {
    }

    /// <summary>A backend over <paramref name="transport"/>; disposes it only when <paramref name="ownsTransport"/>.</summary>
    public IpmiBmcBackend(IpmiUdpTransport transport, TimeProvider timeProvider, bool ownsTransport)
    {
        _transport = transport;
        _time = timeProvider;
        _ownsTransport = ownsTransport;
    }

    private IpmiBmcBackend(IpmiBmcBackend shared, WarmSessionOptions options)
        : this(shared._transport, shared._time, ownsTransport: false)
    {
        SdrCache = shared.SdrCache;
        Warnings = shared.Warnings;
        SessionLogger = shared.SessionLogger;
        _warm = new WarmIpmiSession(OpenSessionAsync, options);
    }

    public SdrCache SdrCache { get; init; } = SdrCache.Default;

    /// <summary>Where security warnings go (cipher suite 0 in use); standard error by default.</summary>
    public TextWriter Warnings { get; init; } = Console.Error;

    /// <summary>Where the sessions log (re-opens, unacknowledged closes); nowhere by default.</summary>
    public ILogger? SessionLogger { get; init; }

    /// <summary>True for a backend made by <see cref="CreateWarm"/>.</summary>
    public bool IsWarm => _warm is not null;

    /// <summary>
    /// A backend for ONE BMC that keeps its RMCP+ session open between verbs: asked for at
    /// <see cref="WarmSessionOptions.Privilege"/> (User when the BMC refuses that), kept alive while idle, re-opened
    /// transparently when the BMC forgot it (reboot, idle expiry) and closed on dispose. It shares this backend's socket
    /// pool, clock and SDR cache and never disposes them. Verbs may run concurrently on it (reads beside reads); the
    /// caller keeps mutating verbs apart.
    /// </summary>
    public IpmiBmcBackend CreateWarm(WarmSessionOptions? options = null) => new(this, options ?? new WarmSessionOptions());

    /// <summary>Opens a session at <paramref name="privilege"/> and reports its warnings (cipher suite 0).</summary>
    private async Task<IpmiSession> OpenSessionAsync(BmcTarget target, ConnectionSettings settings, PrivilegeLevel privilege, TimeSpan? keepAlive,
        int maxConcurrentRequests, CancellationToken cancellationToken)
    {
        var endpoint = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        var options = new IpmiSessionOptions
        {
            UserName = target.User,
            Password = settings.Password.Bytes.ToArray(),
            Kg = settings.Kg?.Bytes.ToArray(),
            Privilege = (IpmiPrivilege)privilege,
            CipherSuite = settings.CipherSuite,
            AllowInsecureSuite0 = settings.AllowSuite0,
            // --timeout is the longest wait for one answer; the first retransmission comes after half of it.
            Retransmit = new RetransmitPolicy(settings.Timeout / 2, settings.Timeout, settings.Retries),
            KeepAliveInterval = keepAlive,
            MaxConcurrentRequests = maxConcurrentRequests,
            TimeProvider = _time,
            Logger = SessionLogger,
        };
        var session = await IpmiSession.OpenAsync(endpoint, options, _transport, cancellationToken).ConfigureAwait(false);
        foreach (var warning in session.Warnings)
        {
            lock (Warnings)
            {
                Warnings.WriteLine($"lifeline: warning: {warning}");
            }
        }
        return session;
    }

    private static async Task<IPEndPoint> ResolveAsync(BmcTarget target, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(target.Host.Trim('[', ']'), out var ip))
        {
            return new IPEndPoint(ip, target.Port);
        }
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(target.Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new IpmiException(IpmiError.Unreachable, $"{target.Host}: the name has no IPv4 address");
            }
            return new IPEndPoint(addresses[0], target.Port);
        }
        catch (SocketException e)
        {
            throw new IpmiException(IpmiError.Unreachable, $"{target.Host}: cannot resolve the name ({e.Message})", e);
        }
    }

    /// <summary>
    /// Runs one verb on a session with at least <paramref name="need"/>: the warm session when there is one, else a
    /// conversation of its own — open (asking only for what the verb needs, never more than --privilege allows:
    /// read-only verbs then skip Set Session Privilege Level, one exchange fewer per BMC), work, close (always).
    /// </summary>
    private async Task<T> WithSessionAsync<T>(BmcTarget target, ConnectionSettings settings, PrivilegeLevel need, Func<IpmiSession, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (_warm is { } warm)
        {
            return await warm.RunAsync(target, settings, need, work, cancellationToken).ConfigureAwait(false);
        }
        var privilege = (PrivilegeLevel)Math.Min((byte)settings.Privilege, (byte)need);
        var session = await OpenSessionAsync(target, settings, privilege, keepAlive: null, maxConcurrentRequests: 2, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return await work(session).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() =>
        _warm is { } warm ? warm.DisposeAsync()
        : _ownsTransport ? _transport.DisposeAsync()
        : ValueTask.CompletedTask;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

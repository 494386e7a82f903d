using System.Net;
using System.Net.Sockets;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Transport;
using IpmiPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Drivers.Ipmi;

/// <summary>
/// The real backend: every verb is one short conversation with one BMC over IPMI 2.0 / RMCP+ — open a session on the
/// process-wide socket pool, run the typed commands, close the session. Split by verb group into partial files.
/// </summary>
public sealed partial class IpmiBmcBackend : IBmcBackend, IAsyncDisposable, IDisposable
{
    private readonly IpmiUdpTransport _transport;
    private readonly TimeProvider _time;

    public IpmiBmcBackend()
        : this(new IpmiUdpTransport(socketCount: Math.Clamp(Environment.ProcessorCount * 4, 4, 32)), TimeProvider.System)
    {
    }

    public IpmiBmcBackend(IpmiUdpTransport transport, TimeProvider timeProvider)
    {
        _transport = transport;
        _time = timeProvider;
    }

    public SdrCache SdrCache { get; init; } = SdrCache.Default;

    /// <summary>Where security warnings go (cipher suite 0 in use); standard error by default.</summary>
    public TextWriter Warnings { get; init; } = Console.Error;

    private async Task<IpmiSession> OpenAsync(BmcTarget target, ConnectionSettings settings, PrivilegeLevel need, CancellationToken cancellationToken)
    {
        var endpoint = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        var options = new IpmiSessionOptions
        {
            UserName = target.User,
            Password = settings.Password.Bytes.ToArray(),
            Kg = settings.Kg?.Bytes.ToArray(),
            // ask for what the verb needs (IPMI v2.0 Appendix G), never more than --privilege allows: read-only verbs then
            // skip Set Session Privilege Level, one exchange fewer per BMC
            Privilege = (IpmiPrivilege)Math.Min((byte)settings.Privilege, (byte)need),
            CipherSuite = settings.CipherSuite,
            AllowInsecureSuite0 = settings.AllowSuite0,
            // --timeout is the longest wait for one answer; the first retransmission comes after half of it.
            Retransmit = new RetransmitPolicy(settings.Timeout / 2, settings.Timeout, settings.Retries),
            TimeProvider = _time,
        };
        return await IpmiSession.OpenAsync(endpoint, options, _transport, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Runs one conversation: open, work, close (always).</summary>
    private async Task<T> WithSessionAsync<T>(BmcTarget target, ConnectionSettings settings, PrivilegeLevel need, Func<IpmiSession, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var session = await OpenAsync(target, settings, need, cancellationToken).ConfigureAwait(false);
        foreach (var warning in session.Warnings)
        {
            lock (Warnings)
            {
                Warnings.WriteLine($"lifeline: warning: {warning}");
            }
        }
        await using (session.ConfigureAwait(false))
        {
            return await work(session).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    public void Dispose() => _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

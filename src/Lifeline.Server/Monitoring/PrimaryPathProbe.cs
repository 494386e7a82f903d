using System.Net;
using System.Net.Sockets;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Is the node's primary (in-band) network path up? A TCP handshake with its in-band address: an answer of any kind
/// (connection accepted or refused) proves the host's network stack and the path to it are up; silence until the
/// timeout, or no route, says the path is down. No ICMP: it needs privileges the service should not have, and many
/// networks filter it while the host is perfectly reachable.
/// </summary>
internal sealed class PrimaryPathProbe(TimeProvider time)
{
    /// <summary>The result of one probe.</summary>
    /// <param name="Up">True when the host answered the handshake (accepted or refused).</param>
    /// <param name="Detail">What happened ("connected to 10.0.0.5:22 in 3 ms", "no answer within 2 s").</param>
    public readonly record struct Result(bool Up, string Detail);

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[v6]:port</c>; the default port when none is given.</summary>
    public static bool TryParse(string address, int defaultPort, out string host, out int port)
    {
        host = address?.Trim() ?? "";
        port = defaultPort;
        if (host.Length == 0)
        {
            return false;
        }
        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }
            var rest = host[(close + 1)..];
            host = host[1..close];
            return rest.Length == 0 || (rest[0] == ':' && int.TryParse(rest[1..], out port) && port is > 0 and < 65536);
        }
        int colon = host.LastIndexOf(':');
        if (colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            if (!int.TryParse(host[(colon + 1)..], out port) || port is <= 0 or >= 65536)
            {
                return false;
            }
            host = host[..colon];
        }
        return host.Length > 0;
    }

    public async Task<Result> ProbeAsync(string address, int defaultPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!TryParse(address, defaultPort, out var host, out var port))
        {
            return new Result(false, $"in-band address '{address}' is not host or host:port");
        }
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        long started = time.GetTimestamp();
        try
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                await socket.ConnectAsync(new IPEndPoint(ip, port), linked.Token).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            }
            return new Result(true, $"connected to {host}:{port} in {time.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new Result(true, $"{host}:{port} refused the connection: the host is up, nothing listens on that port");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Result(false, $"no answer from {host}:{port} within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            return new Result(false, $"{host}:{port}: {e.SocketErrorCode}");
        }
    }
}

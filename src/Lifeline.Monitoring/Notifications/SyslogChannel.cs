using System.Net.Sockets;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Sends RFC 5424 messages (<see cref="SyslogFormatter"/>) to a collector: over UDP one datagram per notification, cut
/// to 2048 bytes at a UTF-8 boundary; over TCP with RFC 6587 octet-counting framing on one kept-open connection that
/// is re-opened (once per attempt) when a write fails.
/// </summary>
public sealed class SyslogChannel : INotificationChannel, IAsyncDisposable
{
    private readonly ChannelSettings _settings;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly int _facility;
    private readonly string _hostname;
    private TcpClient? _tcp;

    public SyslogChannel(string name, ChannelSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        _time = time;
        _facility = SyslogFormatter.ParseFacility(settings.Facility) ?? throw new ArgumentException($"channel {name}: bad facility '{settings.Facility}'", nameof(settings));
        _hostname = settings.Hostname ?? System.Net.Dns.GetHostName();
    }

    public string Name { get; }

    private int Port => _settings.Port ?? 514;

    public async Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken)
    {
        byte[] message = SyslogFormatter.Format(payload, _facility, _hostname, _settings.AppName, Environment.ProcessId);
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (_settings.ParsedProtocol == SyslogTransport.Udp)
            {
                await SendUdpAsync(SyslogFormatter.Truncate(message, SyslogFormatter.MaxUdpMessageBytes), linked.Token);
            }
            else
            {
                await SendTcpAsync(SyslogFormatter.Frame(message), linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"syslog {_settings.Host}:{Port}: no progress within {_settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            throw new NotificationDeliveryException($"syslog {_settings.ParsedProtocol.ToString().ToLowerInvariant()} {_settings.Host}:{Port}: {e.SocketErrorCode} ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new NotificationDeliveryException($"syslog tcp {_settings.Host}:{Port}: {e.Message}", e);
        }
    }

    private async Task SendUdpAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient();
        udp.Connect(_settings.Host!, Port);
        await udp.SendAsync(datagram, cancellationToken);
    }

    private async Task SendTcpAsync(byte[] framed, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                bool fresh = false;
                if (_tcp is null || !IsOpen(_tcp))
                {
                    _tcp?.Dispose();
                    _tcp = new TcpClient { NoDelay = true };
                    try
                    {
                        await _tcp.ConnectAsync(_settings.Host!, Port, cancellationToken);
                    }
                    catch
                    {
                        _tcp.Dispose();
                        _tcp = null;
                        throw;
                    }

                    fresh = true;
                }

                try
                {
                    await _tcp.GetStream().WriteAsync(framed, cancellationToken);
                    return;
                }
                catch (Exception e) when (e is IOException or SocketException && !fresh && attempt == 0)
                {
                    // the kept-open connection went away (collector restarted): reconnect once and resend
                    _tcp.Dispose();
                    _tcp = null;
                }
                catch
                {
                    _tcp?.Dispose();
                    _tcp = null;
                    throw;
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// False when the collector closed the connection: a closed socket polls readable with nothing to read (a write
    /// to it could still "succeed" into the kernel buffer and be lost).
    /// </summary>
    private static bool IsOpen(TcpClient tcp)
    {
        try
        {
            return tcp.Connected && !(tcp.Client.Poll(0, SelectMode.SelectRead) && tcp.Client.Available == 0);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp?.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}

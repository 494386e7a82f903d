using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;

namespace Lifeline.Cli.Consoles;

/// <summary>
/// A node's console through the fleet service: <c>GET /api/v1/consoles/{node}/ws</c> upgraded to a WebSocket with the
/// bearer token (docs/api.md, "Consoles"). Binary frames are console bytes both ways; text frames are JSON messages.
/// Power actions go through <c>POST /ops/power</c> for this node.
/// </summary>
public sealed class WebSocketConsoleLink : IConsoleLink
{
    private readonly ServiceEndpoint _endpoint;
    private readonly string _node;
    private readonly bool _spy;
    private readonly bool _force;
    private readonly int? _replay;
    private readonly string? _via;
    private readonly FleetClient _fleet;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private string? _role;
    private bool _toldReadOnly;

    /// <param name="endpoint">The service and token.</param>
    /// <param name="node">The node.</param>
    /// <param name="spy">Attach read only (<c>mode=spy</c>).</param>
    /// <param name="force">Take the writer seat from whoever holds it.</param>
    /// <param name="replay">Lines of recent output to show first (the server's default when null).</param>
    /// <param name="fleet">The REST client for the power menu (not disposed here).</param>
    /// <param name="via">Another of the node's console methods: a position from 1 or a kind (<c>via=</c>); the default when null.</param>
    public WebSocketConsoleLink(ServiceEndpoint endpoint, string node, bool spy, bool force, int? replay, FleetClient fleet, string? via = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _node = node;
        _spy = spy;
        _force = force;
        _replay = replay;
        _via = via;
        _fleet = fleet;
        _role = spy ? "viewer" : null;
    }

    public string Description => $"{_node} via {ServiceUrl.Show(_endpoint.Root)}";

    /// <summary>The WebSocket URL of <paramref name="node"/>'s console at <paramref name="root"/>.</summary>
    public static Uri SocketUri(Uri root, string node, bool spy, bool force, int? replay, string? via = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var builder = new UriBuilder(new Uri(root, $"{ServiceUrl.ApiPath}consoles/{Uri.EscapeDataString(node)}/ws"))
        {
            Scheme = root.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        string query = $"mode={(spy ? "spy" : "write")}&force={(force ? "true" : "false")}";
        if (replay is { } lines)
        {
            query += $"&replay={lines.ToString(CultureInfo.InvariantCulture)}";
        }

        if (!string.IsNullOrWhiteSpace(via))
        {
            query += $"&via={Uri.EscapeDataString(via.Trim())}";
        }

        builder.Query = query;
        return builder.Uri;
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_endpoint.Token is { } token)
        {
            _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        _socket.Options.CollectHttpResponseDetails = true;
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        var uri = SocketUri(_endpoint.Root, _node, _spy, _force, _replay, _via);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await _socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw Refused(_socket.HttpStatusCode, e);
        }
        catch (HttpRequestException e)
        {
            throw Refused(e.StatusCode ?? 0, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FleetRequestException($"the service at {ServiceUrl.Show(_endpoint.Root)} did not answer the console request in 30 s",
                "check that it runs (lifeline whoami), then try again", ExitCodes.SomeFailed, null, e);
        }
    }

    private FleetRequestException Refused(HttpStatusCode status, Exception e)
    {
        string service = ServiceUrl.Show(_endpoint.Root);
        return status switch
        {
            HttpStatusCode.Unauthorized => new FleetRequestException($"the service at {service} did not accept your token",
                $"run lifeline login {service}", ExitCodes.Usage, 401, e),
            HttpStatusCode.Forbidden => new FleetRequestException($"you may not open the console of {_node}",
                _spy ? "ask an admin for the viewer role on this node" : "attach read only with --spy, or ask an admin for the operator role", ExitCodes.SomeFailed, 403, e),
            HttpStatusCode.NotFound => new FleetRequestException($"{_node}: no such node, or it has no console",
                "lifeline console list shows the consoles; give the node a console_method in the inventory (lifeline nodes import)", ExitCodes.SomeFailed, 404, e),
            0 => new FleetRequestException($"could not reach the service at {service}: {e.Message}",
                "check that it runs and the URL (lifeline whoami)", ExitCodes.SomeFailed, null, e),
            _ => new FleetRequestException($"the service at {service} refused the console WebSocket (HTTP {(int)status})",
                "check the service's log; a proxy in between must pass WebSocket upgrades", ExitCodes.SomeFailed, (int)status, e),
        };
    }

    public async Task<ConsoleEnd> ReceiveAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var text = new MemoryStream();
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException e)
                {
                    return new ConsoleEnd(ExitCodes.SomeFailed, $"the connection to the service broke: {e.Message}");
                }

                switch (result.MessageType)
                {
                    case WebSocketMessageType.Binary:
                        await sink.OutputAsync(buffer.AsMemory(0, result.Count), cancellationToken).ConfigureAwait(false);
                        break;
                    case WebSocketMessageType.Text:
                        text.Write(buffer, 0, result.Count);
                        if (result.EndOfMessage)
                        {
                            var (line, role) = ConsoleMessages.Render(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
                            text.SetLength(0);
                            if (role is not null)
                            {
                                _role = role;
                                _toldReadOnly = false;
                            }

                            if (line is not null)
                            {
                                sink.Status(line);
                            }
                        }

                        break;
                    default:
                        return Closed();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ConsoleEnd Closed()
    {
        string reason = string.IsNullOrEmpty(_socket.CloseStatusDescription) ? "" : $": {_socket.CloseStatusDescription}";
        return (int?)_socket.CloseStatus switch
        {
            1000 => new ConsoleEnd(ExitCodes.Ok, $"the service closed the console{reason}"),
            4401 => new ConsoleEnd(ExitCodes.Usage, $"the service did not accept your token{reason}; run lifeline login {ServiceUrl.Show(_endpoint.Root)}"),
            4403 => new ConsoleEnd(ExitCodes.SomeFailed, $"forbidden{reason}; attach read only with --spy, or ask an admin for the operator role"),
            4404 => new ConsoleEnd(ExitCodes.SomeFailed, $"{_node}: no such node, or it has no console{reason}; lifeline console list shows the consoles"),
            1001 => new ConsoleEnd(ExitCodes.SomeFailed, $"the console went away (service stopping or console reconfigured){reason}; attach again"),
            4400 => new ConsoleEnd(ExitCodes.Usage, $"the service refused the request{reason}; use a lifeline command of the same version as the service"),
            4408 => new ConsoleEnd(ExitCodes.SomeFailed, $"dropped as too slow to keep up with the output{reason}; attach again (over a faster link, or with --spy and less replay)"),
            1011 => new ConsoleEnd(ExitCodes.SomeFailed, $"the service failed{reason}; see its log"),
            { } code => new ConsoleEnd(ExitCodes.SomeFailed, $"the service closed the console (code {code}){reason}"),
            null => new ConsoleEnd(ExitCodes.SomeFailed, "the service closed the console without saying why"),
        };
    }

    public async Task SendAsync(ReadOnlyMemory<byte> data, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_role == "viewer")
        {
            // the service would drop them too; say so once instead of typing into the void
            if (!_toldReadOnly)
            {
                _toldReadOnly = true;
                sink.Status("read only: keystrokes are not sent (Ctrl-E c w to become the writer, Ctrl-E c f to take over)");
            }

            return;
        }

        await SendFrameAsync(data, WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
    }

    public Task BreakAsync(IConsoleSink sink, CancellationToken cancellationToken) => SendTextAsync(ConsoleMessages.Break(), cancellationToken);

    public Task WriterAsync(bool force, IConsoleSink sink, CancellationToken cancellationToken)
    {
        _role = null; // the state message that follows says what we are
        return SendTextAsync(ConsoleMessages.Write(force), cancellationToken);
    }

    public Task SpyAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        _role = "viewer";
        return SendTextAsync(ConsoleMessages.Spy(), cancellationToken);
    }

    public Task ReplayAsync(int lines, IConsoleSink sink, CancellationToken cancellationToken) => SendTextAsync(ConsoleMessages.Replay(lines), cancellationToken);

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken) => SendTextAsync(ConsoleMessages.Resize(columns, rows), cancellationToken);

    public async Task PowerAsync(string action, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            await foreach (var line in _fleet.StreamAsync("power", new OperationBody(_node, Action: action), cancellationToken).ConfigureAwait(false))
            {
                if (line.Error is { } error)
                {
                    sink.Status($"power {action}: {line.Node}: {error.Category}: {error.Message}{(error.Next is { Length: > 0 } next ? $"; {next}" : "")}");
                }
                else
                {
                    string state = line.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty("state", out var s) ? $" (power {s})" : "";
                    sink.Status($"power {action}: {line.Node}: {(line.Ok ? "ok" : "failed")}{state}");
                }
            }
        }
        catch (FleetRequestException e)
        {
            sink.Status($"power {action}: {e.Describe()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "detached", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        _socket.Dispose();
        _sendLock.Dispose();
    }

    private Task SendTextAsync(string json, CancellationToken cancellationToken) =>
        SendFrameAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, cancellationToken);

    private async Task SendFrameAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(data, type, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Lifeline.Server.Tests.Infrastructure;

/// <summary>A WebSocket client of <c>/api/v1/consoles/{node}/ws</c> that collects what the server sends.</summary>
internal sealed class ConsoleClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<(bool Text, byte[] Data)> _received = Channel.CreateUnbounded<(bool, byte[])>();
    private readonly StringBuilder _output = new();
    private Task _receiving = Task.CompletedTask;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    /// <summary>All console bytes seen so far by the Next*/Output* readers, as UTF-8.</summary>
    public string Output => _output.ToString();

    public static async Task<ConsoleClient> ConnectAsync(Uri baseAddress, string? token, string node, string query = "", bool tokenInQuery = false)
    {
        var client = new ConsoleClient();
        if (token is not null && !tokenInQuery)
        {
            client._socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        if (token is not null && tokenInQuery)
        {
            query = (query.Length == 0 ? "?" : query + "&") + "access_token=" + Uri.EscapeDataString(token);
        }

        var uri = new Uri($"ws://{baseAddress.Authority}/api/v1/consoles/{node}/ws{query}");
        using var timeout = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(uri, timeout.Token);
        client._receiving = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _received.Writer.TryWrite((result.MessageType == WebSocketMessageType.Text, message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    /// <summary>Waits for the server to close the socket; returns the close code.</summary>
    public async Task<int?> ClosedAsync()
    {
        await _receiving.WaitAsync(Patience);
        return (int?)_socket.CloseStatus;
    }

    public async Task<JsonElement> NextMessageAsync(string type, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (text, data) = await _received.Reader.ReadAsync(timeout.Token);
            if (!text)
            {
                _output.Append(Encoding.UTF8.GetString(data));
                continue;
            }

            var message = JsonDocument.Parse(data).RootElement;
            if (message.GetProperty("type").GetString() == type && (match?.Invoke(message) ?? true))
            {
                return message;
            }
        }
    }

    /// <summary>Reads until the console bytes seen contain <paramref name="expected"/>.</summary>
    public async Task<string> OutputUntilAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!_output.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var (text, data) = await _received.Reader.ReadAsync(timeout.Token);
            if (!text)
            {
                _output.Append(Encoding.UTF8.GetString(data));
            }
        }

        return _output.ToString();
    }

    /// <summary>The next binary frame (text frames before it are skipped).</summary>
    public async Task<byte[]> NextBinaryAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (text, data) = await _received.Reader.ReadAsync(timeout.Token);
            if (!text)
            {
                return data;
            }
        }
    }

    public Task TypeAsync(string keys) => _socket.SendAsync(Encoding.UTF8.GetBytes(keys), WebSocketMessageType.Binary, true, CancellationToken.None);

    public Task SendAsync(object message) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        await _receiving.WaitAsync(Patience);
        _socket.Dispose();
    }
}

/// <summary>A console server port (like ser2net's raw mode) on 127.0.0.1: the test plays the machine behind it.</summary>
internal sealed class FakeConsoleServer : IAsyncDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
    private System.Net.Sockets.TcpClient? _client;

    public FakeConsoleServer() => _listener.Start();

    public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

    public System.Net.Sockets.NetworkStream? Stream { get; private set; }

    /// <summary>Waits for the hub to connect.</summary>
    public async Task<System.Net.Sockets.NetworkStream> AcceptAsync()
    {
        _client = await _listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Stream = _client.GetStream();
        return Stream;
    }

    public async Task EmitAsync(string text) => await Stream!.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads what the hub sent until it contains <paramref name="expected"/>.</summary>
    public async Task<string> ReadUntilAsync(string expected)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!seen.ToString().Contains(expected, StringComparison.Ordinal))
        {
            int n = await Stream!.ReadAsync(buffer, timeout.Token);
            if (n == 0)
            {
                break;
            }

            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return seen.ToString();
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}

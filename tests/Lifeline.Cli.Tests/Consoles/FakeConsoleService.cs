using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary>
/// The service's console endpoints on 127.0.0.1 (HttpListener), following the contract: the WebSocket echoes a
/// writer's bytes, refuses a viewer's with an error message, answers write/spy with state; REST list, log and
/// ops/power are canned. Everything received is recorded.
/// </summary>
internal sealed class FakeConsoleService : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private WebSocket? _current;

    public FakeConsoleService()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<string> Texts { get; } = new();

    public ConcurrentQueue<byte[]> Binaries { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public string? Authorization { get; private set; }

    public async Task SendTextAsync(string json) =>
        await _current!.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string path = request.Url!.AbsolutePath;
        string body = request.HasEntityBody ? await new StreamReader(request.InputStream).ReadToEndAsync() : "";
        Requests.Enqueue($"{request.HttpMethod} {request.Url.PathAndQuery} {body}");
        Authorization = request.Headers["Authorization"];
        if (request.IsWebSocketRequest && path == "/api/v1/consoles/n1/ws")
        {
            var ws = (await context.AcceptWebSocketAsync(null)).WebSocket;
            _current = ws;
            await ServeAsync(ws, request.QueryString["mode"] == "spy" ? "viewer" : "writer");
            return;
        }

        var response = context.Response;
        (int status, string type, string text) = (request.HttpMethod, path) switch
        {
            ("GET", "/api/v1/consoles/n404/ws") => (404, "application/problem+json", "{}"),
            ("GET", "/api/v1/consoles") => (200, "application/json",
                """[{"node":"n2","method":"tcp://10.0.0.2:7001","logging":"on-demand","connection":"disconnected","writer":null,"viewers":0,"last_error":null,"connected_since":null},""" +
                """{"node":"n1","method":"sol","logging":"full","connection":"connected","writer":"alice","viewers":2,"last_error":null,"connected_since":"2026-11-26T10:00:00Z"}]"""),
            ("GET", "/api/v1/consoles/n1/log") => (200, "text/plain", "2026-11-26T10:00:01.000Z\tKernel panic - not syncing: Fatal exception\n"),
            ("POST", "/api/v1/ops/power") => (200, "application/x-ndjson", """{"node":"n1","ok":true,"error":null,"result":{"state":"on","action":"on"}}""" + "\n"),
            _ => (404, "application/problem+json", """{"title":"Not Found","status":404,"detail":"no route","next":"check the URL"}"""),
        };
        response.StatusCode = status;
        response.ContentType = type;
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private async Task ServeAsync(WebSocket ws, string role)
    {
        async Task State() => await Send($$"""{"type":"state","node":"n1","connection":"connected","writer":{{(role == "writer" ? "\"tester\"" : "\"alice\"")}},"role":"{{role}}","viewers":2}""");
        async Task Send(string json) => await ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

        await State();
        await ws.SendAsync("n1 login: "u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var buffer = new byte[8192];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var result = await ws.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var data = buffer.AsSpan(0, result.Count).ToArray();
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    string json = Encoding.UTF8.GetString(data);
                    Texts.Enqueue(json);
                    if (json.Contains("\"write\"", StringComparison.Ordinal))
                    {
                        role = "writer";
                        await State();
                    }
                    else if (json.Contains("\"spy\"", StringComparison.Ordinal))
                    {
                        role = "viewer";
                        await State();
                    }

                    continue;
                }

                Binaries.Enqueue(data);
                if (role == "writer")
                {
                    await ws.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);
                }
                else
                {
                    await Send("""{"type":"error","message":"you are not the writer","next":"ask for the writer seat"}""");
                }
            }
        }
        catch (WebSocketException)
        {
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop;
    }
}

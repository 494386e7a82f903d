using System.Net.WebSockets;
using System.Text.Json;
using Lifeline.Consoles.Hub;
using Lifeline.Consoles.Sources;
using Lifeline.Fleet.Security;
using Lifeline.Server.Auth;
using Lifeline.Server.Consoles;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>GET /consoles/{name}/ws?mode=write|spy&amp;force=&amp;replay=N&amp;via=N|KIND</c>: one viewer of a node's console over a
/// WebSocket (protocol in docs/api.md, Consoles). The upgrade is accepted before the checks so that refusals reach the
/// client as close codes: 4401 unauthenticated, 4403 forbidden, 4404 unknown node or no console, 4400 a bad query,
/// 4408 dropped as too slow, 1001 the console went away (service stopping, console reconfigured). <c>via</c> picks
/// another of the node's console methods: the viewer gets its own unlogged connection to it, closed when it detaches.
/// </summary>
internal static class ConsoleWebSocket
{
    public const int BadRequest = 4400;
    public const int Unauthenticated = 4401;
    public const int Forbidden = 4403;
    public const int NotFound = 4404;
    public const int TooSlow = 4408;
    private const int MaxTextMessage = 64 * 1024;

    public static async Task RunAsync(string name, string? mode, bool? force, int? replay, string? via, HttpContext context, InventoryCache inventory,
        ConsoleHubService consoles)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.BadRequest("this endpoint is a WebSocket", "connect with a WebSocket client (ws://…/api/v1/consoles/NODE/ws), or use lifeline console NODE")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var caller = context.FindCaller();
        if (caller is null)
        {
            var reason = context.Items[BearerAuthenticationHandler.FailureItem] as string ?? "no bearer token";
            await CloseAsync(socket, Unauthenticated, $"authentication required: {reason}").ConfigureAwait(false);
            return;
        }

        bool write = mode is "write";
        if (mode is not (null or "write" or "spy") || replay is < 0)
        {
            await CloseAsync(socket, BadRequest, "mode is write or spy; replay is a number of lines ≥ 0").ConfigureAwait(false);
            return;
        }

        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!view.Nodes.TryGetValue(name, out var node))
        {
            await CloseAsync(socket, NotFound, $"no node {name}").ConfigureAwait(false);
            return;
        }

        if (!caller.Allows(Role.Viewer, node.Groups))
        {
            await CloseAsync(socket, Forbidden, $"{name} is outside your viewer scope").ConfigureAwait(false);
            return;
        }

        bool operatorHere = caller.Allows(Role.Operator, node.Groups);
        if ((write || force == true) && !operatorHere)
        {
            await CloseAsync(socket, Forbidden, $"the writer seat of {name} needs operator; attach with mode=spy").ConfigureAwait(false);
            return;
        }

        if (consoles.Hub.Find(name) is not { } session)
        {
            await CloseAsync(socket, NotFound, $"{name} has no console; set its console_method").ConfigureAwait(false);
            return;
        }

        var methods = new[] { session.Config }.Concat(session.Config.Others).ToList();
        if (!ConsoleMethod.TryFindVia(methods.Select(m => m.Method).ToList(), via, out int index, out var viaError))
        {
            await CloseAsync(socket, NotFound, viaError!).ConfigureAwait(false);
            return;
        }

        ConsoleSession? unlisted = null;
        ConsoleViewer viewer;
        try
        {
            if (index > 0)
            {
                session = unlisted = consoles.Hub.OpenUnlisted(methods[index]);
            }

            viewer = await session.AttachAsync(caller.UserName, context.Source(), write, force == true, replay, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await CloseAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "the console was reconfigured; attach again").ConfigureAwait(false);
            return;
        }

        try
        {
            await RunViewerAsync(socket, session, viewer, operatorHere, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (unlisted is not null)
            {
                await unlisted.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task RunViewerAsync(WebSocket socket, ConsoleSession session, ConsoleViewer viewer, bool operatorHere, CancellationToken cancellationToken)
    {

        var sending = SendAsync(socket, viewer);
        try
        {
            await ReceiveAsync(socket, session, viewer, operatorHere, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            await session.DetachAsync(viewer, CancellationToken.None).ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "detached").ConfigureAwait(false);
        }
    }

    /// <summary>Sends the viewer's frames until its queue completes; a drop by the hub is told and closes the socket.</summary>
    private static async Task SendAsync(WebSocket socket, ConsoleViewer viewer)
    {
        try
        {
            await foreach (var frame in viewer.Frames.ReadAllAsync().ConfigureAwait(false))
            {
                await socket.SendAsync(frame.Data, frame.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, CancellationToken.None)
                    .ConfigureAwait(false);
            }

            if (viewer.DropReason is { } reason && socket.State == WebSocketState.Open)
            {
                bool slow = reason.Contains("slow", StringComparison.Ordinal);
                var message = ConsoleMessages.Error(reason, slow ? "reconnect; read the socket faster (or spy with replay=0)" : "attach again");
                await socket.SendAsync(message.Data, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                await socket.CloseOutputAsync(slow ? (WebSocketCloseStatus)TooSlow : WebSocketCloseStatus.EndpointUnavailable, Trim(reason), CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the client went away; the receive side detaches
        }
    }

    private static async Task ReceiveAsync(WebSocket socket, ConsoleSession session, ConsoleViewer viewer, bool operatorHere, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                if (result.Count > 0)
                {
                    await session.WriteAsync(viewer, buffer.AsMemory(0, result.Count), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (text.Length + result.Count > MaxTextMessage)
            {
                await CloseAsync(socket, BadRequest, "a text message is longer than 64 KB").ConfigureAwait(false);
                return;
            }

            text.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var message = text.ToArray();
            text.SetLength(0);
            await HandleTextAsync(message, session, viewer, operatorHere, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task HandleTextAsync(byte[] message, ConsoleSession session, ConsoleViewer viewer, bool operatorHere, CancellationToken cancellationToken)
    {
        JsonElement root;
        string? type;
        try
        {
            root = JsonDocument.Parse(message).RootElement;
            type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            session.Tell(viewer, ConsoleMessages.Error("a text message is not JSON", "send {\"type\":\"…\"} messages; console input goes in binary frames"));
            return;
        }

        switch (type)
        {
            case "resize":
                // the transports in use (SOL, serial, console servers) have no window size; accepted and ignored
                break;
            case "break":
                if (!viewer.IsWriter)
                {
                    session.Tell(viewer, ConsoleMessages.Error("only the writer may send a break", "ask for the writer seat ({\"type\":\"write\"})"));
                    break;
                }

                try
                {
                    await session.SendBreakAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ConsoleException e)
                {
                    session.Tell(viewer, ConsoleMessages.Error(e.Message, e.NextStep));
                }

                break;
            case "write":
                if (!operatorHere)
                {
                    session.Tell(viewer, ConsoleMessages.Error($"the writer seat of {session.Node} needs operator", "ask an admin for operator over this node"));
                    break;
                }

                bool force = root.TryGetProperty("force", out var f) && f.ValueKind == JsonValueKind.True;
                await session.RequestWriteAsync(viewer, force, cancellationToken).ConfigureAwait(false);
                break;
            case "spy":
                session.ReleaseWrite(viewer);
                break;
            case "replay":
                int? lines = root.TryGetProperty("lines", out var l) && l.TryGetInt32(out int n) && n >= 0 ? n : null;
                session.QueueReplay(viewer, lines);
                break;
            default:
                session.Tell(viewer, ConsoleMessages.Error($"unknown message type '{type}'", "use resize, break, write, spy or replay"));
                break;
        }
    }

    private static Task CloseAsync(WebSocket socket, int code, string reason) => CloseAsync(socket, (WebSocketCloseStatus)code, reason);

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus code, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseAsync(code, Trim(reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
        }
    }

    /// <summary>A close reason is at most 123 UTF-8 bytes.</summary>
    private static string Trim(string reason)
    {
        while (System.Text.Encoding.UTF8.GetByteCount(reason) > 123)
        {
            reason = reason[..^1];
        }

        return reason;
    }
}

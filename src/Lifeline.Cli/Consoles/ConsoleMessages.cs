using System.Text.Json;

namespace Lifeline.Cli.Consoles;

/// <summary>
/// The text frames of the console WebSocket (docs/api.md, "Consoles"): builds the client's messages and renders the
/// server's as status lines.
/// </summary>
public static class ConsoleMessages
{
    public static string Resize(int columns, int rows) => JsonSerializer.Serialize(new { type = "resize", cols = columns, rows });

    public static string Break() => """{"type":"break"}""";

    public static string Write(bool force) => force ? """{"type":"write","force":true}""" : """{"type":"write","force":false}""";

    public static string Spy() => """{"type":"spy"}""";

    public static string Replay(int lines) => JsonSerializer.Serialize(new { type = "replay", lines });

    /// <summary>What a server message says, as a status line (null for a message to ignore), and the role it gives when it is a state.</summary>
    public static (string? Line, string? Role) Render(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ("the service sent a message this lifeline cannot read", null);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        string? type = String(root, "type");
        switch (type)
        {
            case "state":
                string node = String(root, "node") ?? "?";
                string connection = String(root, "connection") ?? "unknown";
                string? writer = String(root, "writer");
                string? role = String(root, "role");
                int viewers = root.TryGetProperty("viewers", out var v) && v.TryGetInt32(out int count) ? count : 0;
                string seat = role == "writer"
                    ? "you are the writer"
                    : writer is null ? "read only (no writer; Ctrl-E c w to type)" : $"read only ({writer} is the writer; Ctrl-E c f to take over)";
                return ($"{node}: console {connection}; {seat}; {viewers} {(viewers == 1 ? "viewer" : "viewers")}", role);
            case "displaced":
                return ($"{String(root, "by") ?? "someone"} took the writer seat; you are read only now (Ctrl-E c f to take it back)", "viewer");
            case "error":
                string message = String(root, "message") ?? "error";
                return (String(root, "next") is { Length: > 0 } next ? $"error: {message}; {next}" : $"error: {message}", null);
            case "event":
                return ($"event {String(root, "pattern") ?? "?"}: {String(root, "line") ?? ""}", null);
            default:
                return (null, null); // a newer server's message: ignore
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Text.Json;

namespace Lifeline.Consoles.Hub;

/// <summary>The server→client JSON text messages of the console protocol (docs/api.md, Consoles), <c>type</c> first.</summary>
public static class ConsoleMessages
{
    public static string Name(ConsoleConnectionState state) => state.ToString().ToLowerInvariant();

    public static string Name(ConsoleLoggingMode mode) => mode switch
    {
        ConsoleLoggingMode.OnDemand => "on-demand",
        ConsoleLoggingMode.None => "none",
        _ => "full",
    };

    public static ConsoleFrame State(string node, ConsoleConnectionState connection, string? writer, bool isWriter, int viewers) =>
        Text(w =>
        {
            w.WriteString("type", "state");
            w.WriteString("node", node);
            w.WriteString("connection", Name(connection));
            if (writer is null)
            {
                w.WriteNull("writer");
            }
            else
            {
                w.WriteString("writer", writer);
            }

            w.WriteString("role", isWriter ? "writer" : "viewer");
            w.WriteNumber("viewers", viewers);
        });

    public static ConsoleFrame Displaced(string by) => Text(w =>
    {
        w.WriteString("type", "displaced");
        w.WriteString("by", by);
    });

    public static ConsoleFrame Error(string message, string next) => Text(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("message", message);
        w.WriteString("next", next);
    });

    public static ConsoleFrame Event(ConsolePatternEvent e) => Text(w =>
    {
        w.WriteString("type", "event");
        w.WriteString("pattern", e.Rule);
        w.WriteString("severity", e.Severity);
        w.WriteString("line", e.Line);
        w.WriteString("time", e.Time);
    });

    private static ConsoleFrame Text(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return new ConsoleFrame(true, buffer.WrittenMemory.ToArray());
    }
}

namespace Lifeline.Consoles.Hub;

/// <summary>One message for a viewer: console bytes (a binary WebSocket frame) or a JSON text message.</summary>
public readonly record struct ConsoleFrame(bool IsText, ReadOnlyMemory<byte> Data);

namespace Lifeline.Server.Apis.Models;

/// <summary>One console in <c>GET /consoles</c>.</summary>
public sealed record ConsoleInfo(
    string Node, string Method, string Logging, string Connection, string? Writer, int Viewers, string? LastError, DateTimeOffset? ConnectedSince);

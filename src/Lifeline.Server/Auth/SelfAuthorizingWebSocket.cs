namespace Lifeline.Server.Auth;

/// <summary>
/// Endpoint metadata: a WebSocket upgrade to this endpoint passes the <see cref="PermissionGate"/> so the handler can
/// accept it and answer with close codes (4401 unauthenticated, 4403 forbidden) that a WebSocket client can read. The
/// handler does every check itself; a plain HTTP request still goes through the gate.
/// </summary>
internal sealed class SelfAuthorizingWebSocket
{
    public static SelfAuthorizingWebSocket Instance { get; } = new();
}

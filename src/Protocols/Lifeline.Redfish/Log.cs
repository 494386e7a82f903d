using Microsoft.Extensions.Logging;

namespace Lifeline.Redfish;

/// <summary>Source-generated log events. Passwords and session tokens are never arguments.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "INSECURE: TLS certificate checks are OFF for {Endpoint}; anyone in between can read the BMC password and act as the BMC")]
    public static partial void InsecureTls(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "PLAIN HTTP to {Endpoint}: credentials and session token travel unencrypted (test services only)")]
    public static partial void PlainHttp(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status}; retrying in {Delay} (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string method, string path, int status, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "session opened for {User} at {Session}")]
    public static partial void SessionOpened(ILogger logger, string user, string? session);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "session at {Session} closed")]
    public static partial void SessionClosed(ILogger logger, string? session);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "session expired (401) on {Method} {Path}; logging in again")]
    public static partial void SessionExpired(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "could not delete session {Session}: {Reason}")]
    public static partial void LogoutFailed(ILogger logger, string? session, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "first contact with {HostPort}: pinned certificate SHA-256 {Fingerprint}")]
    public static partial void Pinned(ILogger logger, string hostPort, string fingerprint);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "$expand refused by the service ({Status}); reading members one by one")]
    public static partial void ExpandRefused(ILogger logger, int status);
}

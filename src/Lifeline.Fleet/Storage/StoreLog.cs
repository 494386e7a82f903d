using Microsoft.Extensions.Logging;

namespace Lifeline.Fleet.Storage;

/// <summary>The store's log events. Never a password, key, token or ciphertext.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Credential key from the environment variable {Variable}")]
    public static partial void KeyFromEnvironment(ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential key from {Path}")]
    public static partial void KeyFromFile(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created a new credential key file {Path} (mode 0600); back it up: stored credentials cannot be read without it")]
    public static partial void KeyFileCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema migrated to version {Version} ({Description})")]
    public static partial void Migrated(ILogger logger, int version, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database schema is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet store: {Provider} at {Location}")]
    public static partial void Opened(ILogger logger, string provider, string location);
}

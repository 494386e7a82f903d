using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// All node consoles of one service process: a <see cref="ConsoleSession"/> per configured node, kept in line with the
/// inventory by <see cref="ApplyAsync"/>, pattern-watch hits on <see cref="Events"/>, and attach/detach/takeover handed
/// to the audit callback.
/// </summary>
public sealed partial class ConsoleHub : IAsyncDisposable
{
    private readonly ConsoleHubOptions _options;
    private readonly Func<ConsoleAuditRecord, Task> _audit;
    private readonly ILogger _logger;
    private readonly ConsoleEventStream<ConsolePatternEvent> _events = new();
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Lock _lock = new();
    private Dictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private bool _disposed;

    public ConsoleHub(ConsoleHubOptions options, Func<ConsoleAuditRecord, Task>? audit = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _audit = audit ?? (_ => Task.CompletedTask);
        _logger = logger ?? NullLogger.Instance;
    }

    public ConsoleHubOptions Options => _options;

    /// <summary>Pattern-watch hits of every node, as they happen.</summary>
    public IObservable<ConsolePatternEvent> Events => _events;

    public ConsoleSession? Find(string node)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(node);
        }
    }

    public IReadOnlyList<ConsoleStatus> List()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.Select(s => s.Status())];
        }
    }

    /// <summary>
    /// Makes the sessions match <paramref name="configs"/>: new nodes start (a full console connects at once), removed
    /// ones close, and a node whose method, logging or fingerprint changed restarts (its viewers are dropped).
    /// </summary>
    public async Task ApplyAsync(IEnumerable<ConsoleNodeConfig> configs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configs);
        await _applying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var wanted = configs.GroupBy(c => c.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var next = new Dictionary<string, ConsoleSession>(StringComparer.Ordinal);
            var closing = new List<ConsoleSession>();
            var starting = new List<ConsoleSession>();
            Dictionary<string, ConsoleSession> current;
            lock (_lock)
            {
                current = _sessions;
            }

            foreach (var (node, session) in current)
            {
                if (wanted.TryGetValue(node, out var config) && Same(config, session.Config))
                {
                    next[node] = session;
                }
                else
                {
                    closing.Add(session);
                }
            }

            foreach (var session in closing)
            {
                await session.CloseAsync("the console was removed or reconfigured").ConfigureAwait(false);
            }

            foreach (var (node, config) in wanted)
            {
                if (!next.ContainsKey(node))
                {
                    try
                    {
                        var session = new ConsoleSession(config, _options, _audit, _events.Publish, _logger);
                        next[node] = session;
                        starting.Add(session);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                    {
                        LogSessionFailed(_logger, e, node);
                    }
                }
            }

            lock (_lock)
            {
                _sessions = next;
            }

            foreach (var session in starting)
            {
                session.Start();
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>
    /// A session for one of a node's other console methods (<see cref="ConsoleNodeConfig.Others"/>), outside the hub's
    /// list: never logged, connected while someone is attached. The caller attaches to it and disposes it when done.
    /// </summary>
    public ConsoleSession OpenUnlisted(ConsoleNodeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ConsoleSession(config with { Logging = ConsoleLoggingMode.None, Others = [] }, _options, _audit, _events.Publish, _logger);
    }

    private static bool Same(ConsoleNodeConfig a, ConsoleNodeConfig b) =>
        a.Method == b.Method && a.Logging == b.Logging && a.Fingerprint == b.Fingerprint;

    /// <summary>Closes every console (SOL payloads deactivated, logs flushed) and completes <see cref="Events"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ConsoleSession[] sessions;
            lock (_lock)
            {
                sessions = [.. _sessions.Values];
                _sessions = new(StringComparer.Ordinal);
            }

            await Task.WhenAll(sessions.Select(s => s.CloseAsync("the service is stopping"))).ConfigureAwait(false);
            _events.Complete();
        }
        finally
        {
            _applying.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The console of {Node} cannot be kept (its log cannot be opened)")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception, string node);
}

using Lifeline.Consoles.Logging;
using Lifeline.Consoles.Sources;
using Microsoft.Extensions.Logging;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// One node's console in the hub: owns the source (connected per the logging mode, reconnected with jittered backoff),
/// the log and ring buffer, the pattern watch, and the attached viewers with at most one writer.
/// </summary>
public sealed partial class ConsoleSession : IAsyncDisposable
{
    private readonly ConsoleHubOptions _options;
    private readonly Func<ConsoleAuditRecord, Task> _audit;
    private readonly Action<ConsolePatternEvent> _publish;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<ConsoleViewer> _viewers = [];
    private readonly ConsoleLog? _log;
    private readonly ConsoleRingBuffer _recent;
    private readonly ConsolePatternWatch _watch;
    private CancellationTokenSource? _runStop;
    private Task _run = Task.CompletedTask;
    private IConsoleSource? _source;
    private ConsoleViewer? _writer;
    private ConsoleConnectionState _state = ConsoleConnectionState.Disconnected;
    private string? _lastError;
    private DateTimeOffset? _connectedSince;
    private DateTimeOffset? _nextAttemptAt;
    private DateTimeOffset _since;
    private bool _disposed;

    internal ConsoleSession(ConsoleNodeConfig config, ConsoleHubOptions options, Func<ConsoleAuditRecord, Task> audit,
        Action<ConsolePatternEvent> publish, ILogger logger)
    {
        Config = config;
        _options = options;
        _audit = audit;
        _publish = publish;
        _logger = logger;
        _since = options.TimeProvider.GetUtcNow();
        if (config.Logging == ConsoleLoggingMode.None)
        {
            _recent = new ConsoleRingBuffer(options.Log.RingBufferBytes);
        }
        else
        {
            _log = ConsoleLog.Open(options.LogDirectory, config.Node, options.Log, options.TimeProvider);
            _recent = _log.Recent;
        }

        _watch = new ConsolePatternWatch(options.Rules, options.PatternTimeout, options.ContextLines);
    }

    public ConsoleNodeConfig Config { get; }

    public string Node => Config.Node;

    /// <summary>The viewer holding the writer seat, or null.</summary>
    public ConsoleViewer? Writer
    {
        get
        {
            lock (_lock)
            {
                return _writer;
            }
        }
    }

    public ConsoleStatus Status()
    {
        lock (_lock)
        {
            return new ConsoleStatus(Node, Config.Method, Config.Logging, _state, _writer?.User, _viewers.Count, _lastError, _connectedSince, _since)
            {
                NextAttemptAt = _nextAttemptAt,
            };
        }
    }

    internal void Start() => EnsureRunning();

    /// <summary>
    /// Attaches a viewer: queues the replay (the last <paramref name="replayLines"/> lines, or the recent screen when null),
    /// takes the writer seat when asked (free, or <paramref name="force"/> to take it from its holder, who is told), and
    /// connects an on-demand console. Authorisation is the caller's job.
    /// </summary>
    public async Task<ConsoleViewer> AttachAsync(string user, string source, bool write, bool force, int? replayLines, CancellationToken cancellationToken)
    {
        ConsoleViewer viewer;
        ConsoleViewer? displaced = null;
        string? refusal = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            viewer = new ConsoleViewer(this, user, source, Math.Max(4, _options.ViewerQueueFrames));
            _viewers.Add(viewer);
            var replay = Replay(replayLines);
            if (replay.Length > 0)
            {
                viewer.TryEnqueue(new ConsoleFrame(false, replay));
            }

            if (write)
            {
                (displaced, refusal) = TakeSeatLocked(viewer, force);
            }
        }

        await AuditAsync("console.attach", viewer, new { mode = write ? "write" : "spy", force }).ConfigureAwait(false);
        if (displaced is not null)
        {
            await AuditAsync("console.takeover", viewer, new { displaced = displaced.User }).ConfigureAwait(false);
        }

        EnsureRunning();
        BroadcastState();
        if (refusal is not null)
        {
            Tell(viewer, ConsoleMessages.Error(refusal, "attach with force (needs operator) to take the seat, or wait"));
        }

        return viewer;
    }

    /// <summary>Asks for the writer seat (the <c>write</c> message): granted when free or with force; the holder is told.</summary>
    public async Task RequestWriteAsync(ConsoleViewer viewer, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ConsoleViewer? displaced;
        string? refusal;
        lock (_lock)
        {
            if (!_viewers.Contains(viewer))
            {
                return;
            }

            (displaced, refusal) = TakeSeatLocked(viewer, force);
        }

        if (displaced is not null)
        {
            await AuditAsync("console.takeover", viewer, new { displaced = displaced.User }).ConfigureAwait(false);
        }

        BroadcastState();
        if (refusal is not null)
        {
            Tell(viewer, ConsoleMessages.Error(refusal, "ask again with force (needs operator) to take the seat, or wait"));
        }
    }

    /// <summary>Gives the writer seat up (the <c>spy</c> message).</summary>
    public void ReleaseWrite(ConsoleViewer viewer)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_writer, viewer))
            {
                return;
            }

            _writer = null;
        }

        BroadcastState();
    }

    private (ConsoleViewer? Displaced, string? Refusal) TakeSeatLocked(ConsoleViewer viewer, bool force)
    {
        if (_writer is null || ReferenceEquals(_writer, viewer))
        {
            _writer = viewer;
            return (null, null);
        }

        if (!force)
        {
            return (null, $"{_writer.User} holds the writer seat of {Node}; you are a viewer");
        }

        var old = _writer;
        _writer = viewer;
        if (!old.TryEnqueue(ConsoleMessages.Displaced(viewer.User)))
        {
            RemoveLocked(old, "too slow to keep up with the console");
        }

        return (old, null);
    }

    /// <summary>Detaches a viewer (its frames complete); an on-demand console disconnects when the last one leaves.</summary>
    public async Task DetachAsync(ConsoleViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        bool removed;
        lock (_lock)
        {
            removed = RemoveLocked(viewer, null);
        }

        if (removed)
        {
            await AfterRemoveAsync(viewer, null).ConfigureAwait(false);
        }
    }

    private bool RemoveLocked(ConsoleViewer viewer, string? reason)
    {
        if (!_viewers.Remove(viewer))
        {
            return false;
        }

        if (ReferenceEquals(_writer, viewer))
        {
            _writer = null;
        }

        viewer.Close(reason);
        return true;
    }

    private async Task AfterRemoveAsync(ConsoleViewer viewer, string? reason)
    {
        await AuditAsync("console.detach", viewer, reason is null ? null : new { reason }).ConfigureAwait(false);
        bool idle;
        lock (_lock)
        {
            idle = _viewers.Count == 0 && Config.Logging != ConsoleLoggingMode.Full;
        }

        if (idle)
        {
            await StopRunningAsync().ConfigureAwait(false);
        }

        BroadcastState();
    }

    /// <summary>Keystrokes from a viewer: sent when it holds the writer seat, else dropped with an error message to it.</summary>
    public async Task WriteAsync(ConsoleViewer viewer, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        IConsoleSource? source;
        lock (_lock)
        {
            if (!ReferenceEquals(_writer, viewer))
            {
                source = null;
                Tell(viewer, ConsoleMessages.Error("you are a viewer: keystrokes dropped", "ask for the writer seat ({\"type\":\"write\"})"));
                return;
            }

            source = _state == ConsoleConnectionState.Connected ? _source : null;
        }

        if (source is null)
        {
            Tell(viewer, ConsoleMessages.Error($"the console of {Node} is not connected: keystrokes dropped", "wait for the state message saying connected"));
            return;
        }

        try
        {
            await source.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (ConsoleException e)
        {
            Tell(viewer, ConsoleMessages.Error(e.Message, e.NextStep));
            return;
        }

        if (_options.RecordKeystrokes)
        {
            await AuditAsync("console.keystrokes", viewer, new { text = System.Text.Encoding.UTF8.GetString(data.Span) }).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a break; throws <see cref="ConsoleException"/> when not connected or unsupported.</summary>
    public async Task SendBreakAsync(CancellationToken cancellationToken)
    {
        IConsoleSource? source;
        lock (_lock)
        {
            source = _state == ConsoleConnectionState.Connected ? _source : null;
        }

        if (source is null)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"the console of {Node} is not connected", "retry when it is connected");
        }

        await source.SendBreakAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues the recent output (the last <paramref name="lines"/> lines, or the whole ring when null) to the viewer.</summary>
    public void QueueReplay(ConsoleViewer viewer, int? lines)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var replay = Replay(lines);
        if (replay.Length > 0)
        {
            Tell(viewer, new ConsoleFrame(false, replay));
        }
    }

    /// <summary>The recent output: the ring buffer, or its last <paramref name="lines"/> lines.</summary>
    public byte[] Replay(int? lines)
    {
        var snapshot = _recent.Snapshot();
        if (lines is not { } wanted)
        {
            return snapshot;
        }

        if (wanted <= 0)
        {
            return [];
        }

        int end = snapshot.Length;
        if (end > 0 && snapshot[end - 1] == (byte)'\n')
        {
            end--;
        }

        int start = end;
        for (int found = 0; start > 0; start--)
        {
            if (snapshot[start - 1] == (byte)'\n' && ++found == wanted)
            {
                break;
            }
        }

        return snapshot[start..];
    }

    /// <summary>Queues a message for one viewer (an answer to its request); a viewer whose queue is full is dropped.</summary>
    public void Tell(ConsoleViewer viewer, ConsoleFrame frame)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.TryEnqueue(frame))
        {
            Drop(viewer);
        }
    }

    private void Drop(ConsoleViewer viewer)
    {
        const string Reason = "too slow to keep up with the console output";
        bool removed;
        lock (_lock)
        {
            removed = RemoveLocked(viewer, Reason);
        }

        if (removed)
        {
            LogViewerDropped(_logger, Node, viewer.User);
            _ = Task.Run(() => AfterRemoveAsync(viewer, Reason));
        }
    }

    private void Broadcast(ConsoleFrame frame)
    {
        List<ConsoleViewer>? slow = null;
        lock (_lock)
        {
            foreach (var viewer in _viewers)
            {
                if (!viewer.TryEnqueue(frame))
                {
                    (slow ??= []).Add(viewer);
                }
            }
        }

        foreach (var viewer in slow ?? [])
        {
            Drop(viewer);
        }
    }

    private void BroadcastState()
    {
        List<ConsoleViewer>? slow = null;
        lock (_lock)
        {
            foreach (var viewer in _viewers)
            {
                var frame = ConsoleMessages.State(Node, _state, _writer?.User, ReferenceEquals(_writer, viewer), _viewers.Count);
                if (!viewer.TryEnqueue(frame))
                {
                    (slow ??= []).Add(viewer);
                }
            }
        }

        foreach (var viewer in slow ?? [])
        {
            Drop(viewer);
        }
    }

    private async Task AuditAsync(string action, ConsoleViewer viewer, object? details)
    {
        try
        {
            await _audit(new ConsoleAuditRecord(action, viewer.User, viewer.Source, Node, details)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an audit failure is logged by the writer; the console goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAuditFailed(_logger, e, action, Node);
        }
    }

    private void OnOutput(ReadOnlyMemory<byte> chunk)
    {
        var data = chunk.ToArray();
        try
        {
            if (_log is not null)
            {
                _log.Append(data);
            }
            else
            {
                _recent.Append(data);
            }
        }
        catch (IOException e)
        {
            lock (_lock)
            {
                _lastError = $"console log write failed: {e.Message}";
            }
        }

        Broadcast(new ConsoleFrame(false, data));
        if (_watch.Feed(data) is { } hits)
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var (rule, line, context) in hits)
            {
                var hit = new ConsolePatternEvent(Node, rule.Name, rule.Severity, line, context, now);
                _publish(hit);
                Broadcast(ConsoleMessages.Event(hit));
            }
        }
    }

    private void EnsureRunning()
    {
        lock (_lock)
        {
            if (_disposed || _runStop is not null || (Config.Logging != ConsoleLoggingMode.Full && _viewers.Count == 0))
            {
                return;
            }

            var stop = new CancellationTokenSource();
            var previous = _run;
            _runStop = stop;
            _run = Task.Run(async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await RunAsync(stop.Token).ConfigureAwait(false);
            });
        }
    }

    private async Task StopRunningAsync()
    {
        CancellationTokenSource? stop;
        Task run;
        lock (_lock)
        {
            stop = _runStop;
            _runStop = null;
            run = _run;
        }

        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        int attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            SetState(ConsoleConnectionState.Connecting, null, clearError: false);
            IConsoleSource? source = null;
            string? error = null;
            bool disabled = false;
            try
            {
                source = await Config.OpenSource(cancellationToken).ConfigureAwait(false);
                await source.ConnectAsync(cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    _source = source;
                    _connectedSince = _options.TimeProvider.GetUtcNow();
                }

                SetState(ConsoleConnectionState.Connected, null, clearError: true);
                LogConnected(_logger, Node, source.Description);
                attempt = 0;
                await foreach (var chunk in source.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    OnOutput(chunk);
                }

                await source.Completion.ConfigureAwait(false);
                error = "the console connection closed";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (ConsoleException e)
            {
                error = e.Message;
                disabled = e.Category == ConsoleErrorCategory.InvalidConfiguration;
            }
#pragma warning disable CA1031 // any failure of a source means: disconnected, retry later
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e.Message;
            }
            finally
            {
                lock (_lock)
                {
                    _source = null;
                    _connectedSince = null;
                }

                if (source is not null)
                {
                    await source.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            LogDisconnected(_logger, Node, error ?? "unknown");
            if (disabled)
            {
                SetState(ConsoleConnectionState.Disabled, error, clearError: false);
                return;
            }

            SetState(ConsoleConnectionState.Disconnected, error, clearError: false);
            var delay = ConsoleBackoff.Delay(attempt, _options.Jitter(), _options.MaxBackoff);
            attempt = Math.Min(attempt + 1, 30);
            try
            {
                // the timer exists once Task.Delay returns: only then is the attempt shown as due
                var wait = Task.Delay(delay, _options.TimeProvider, cancellationToken);
                lock (_lock)
                {
                    _nextAttemptAt = _options.TimeProvider.GetUtcNow() + delay;
                }
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            finally
            {
                lock (_lock)
                {
                    _nextAttemptAt = null;
                }
            }
        }

        SetState(ConsoleConnectionState.Disconnected, null, clearError: false);
    }

    private void SetState(ConsoleConnectionState state, string? error, bool clearError)
    {
        lock (_lock)
        {
            if (_state == state && error is null && !clearError)
            {
                return;
            }

            if (_state != state)
            {
                _since = _options.TimeProvider.GetUtcNow();
            }

            _state = state;
            if (error is not null)
            {
                _lastError = error;
            }
            else if (clearError)
            {
                _lastError = null;
            }
        }

        BroadcastState();
    }

    /// <summary>Disconnects the source (a SOL payload is deactivated), closes the viewers and the log.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync("the console was removed or reconfigured").ConfigureAwait(false);

    internal async Task CloseAsync(string reason)
    {
        ConsoleViewer[] viewers;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            viewers = [.. _viewers];
            _viewers.Clear();
            _writer = null;
        }

        foreach (var viewer in viewers)
        {
            viewer.Close(reason);
        }

        await StopRunningAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _log?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console of {Node} connected ({Description})")]
    private static partial void LogConnected(ILogger logger, string node, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console of {Node} disconnected: {Error}")]
    private static partial void LogDisconnected(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console viewer {User} of {Node} dropped: too slow")]
    private static partial void LogViewerDropped(ILogger logger, string node, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console audit {Action} of {Node} failed")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string action, string node);
}

using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using Lifeline.Consoles.Hub;
using Lifeline.Fleet.Inventory;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Notifications;
using Lifeline.Server.Consoles;
using Lifeline.Fleet.Operations;
using Lifeline.Server.Configuration;
using Lifeline.Server.Inventory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// The collector: keeps a <see cref="PollSchedule"/> of this server's share of the nodes (the same stable hash split
/// as the state refresher) and runs each due poll — sensors, event log, primary path — with at most
/// <see cref="MonitoringSettings.MaxConcurrentPolls"/> in flight; what a poll learns goes to the
/// <see cref="MonitoringPipeline"/>. The BMC calls go through the node grains, whose gate caps the requests in
/// flight per BMC (<c>Fleet:MaxRequestsPerBmc</c>) and keeps them apart from operators' changes.
/// </summary>
internal sealed partial class MonitoringService : BackgroundService
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(1);

    private readonly MonitoringSettings _settings;
    private readonly InventoryCache _inventory;
    private readonly IRefreshPartition _partition;
    private readonly MonitoringPipeline _pipeline;
    private readonly NoderangeMatcher _matcher;
    private readonly NotificationDispatcher _dispatcher;
    private readonly AlertEngine _engine;
    private readonly MonitoringMaintenance _maintenance;
    private readonly ConsoleHubService _consoles;
    private readonly RedfishPushListener _push;
    private readonly AlertReminders _reminders;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitoringService> _logger;
    private readonly PollSchedule _schedule;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _scheduleLock = new();
    private Dictionary<string, NodeDefinition> _nodes = new(StringComparer.Ordinal);
    private long _polls;

    public MonitoringService(MonitoringSettings settings, InventoryCache inventory, IRefreshPartition partition, MonitoringPipeline pipeline,
        NoderangeMatcher matcher, NotificationDispatcher dispatcher, AlertEngine engine, MonitoringMaintenance maintenance, ConsoleHubService consoles,
        RedfishPushListener push, AlertReminders reminders, [FromKeyedServices(ServiceClock.Key)] TimeProvider time, ILogger<MonitoringService> logger)
    {
        _reminders = reminders;
        _push = push;
        _matcher = matcher;
        _dispatcher = dispatcher;
        _engine = engine;
        _maintenance = maintenance;
        _consoles = consoles;
        _settings = settings;
        _inventory = inventory;
        _partition = partition;
        _pipeline = pipeline;
        _time = time;
        _logger = logger;
        _schedule = new PollSchedule(Interval, settings.Jitter);
        _maxSlots = Math.Max(1, settings.MaxConcurrentPolls);
        _slots = new SemaphoreSlim(_maxSlots);
    }

    /// <summary>Polls started since the service started (for tests and diagnostics).</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>(node, kind) pairs in the schedule (for tests and diagnostics).</summary>
    public int Scheduled
    {
        get
        {
            lock (_scheduleLock)
            {
                return _schedule.Count;
            }
        }
    }

    /// <summary>Polls running now, with what they learnt not yet handed on (for tests and diagnostics).</summary>
    public int InFlight => _maxSlots - _slots.CurrentCount;

    private readonly int _maxSlots;

    private TimeSpan Interval(PollKind kind) => kind switch
    {
        PollKind.Sensors => _settings.SensorInterval,
        PollKind.Events => _settings.EventInterval,
        _ => _settings.PrimaryInterval,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_settings.Enabled)
        {
            LogDisabled(_logger);
            return;
        }
        var background = Task.WhenAll(
            _pipeline.RunAsync(stoppingToken),
            _dispatcher.RunAsync(stoppingToken),
            _maintenance.RunAsync(stoppingToken),
            TickEngineAsync(stoppingToken));
        using var consoleEvents = _consoles.Hub.Events.Subscribe(new ConsoleHits(this, stoppingToken));
        var running = new HashSet<Task>();
        var nextSync = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                if (now >= nextSync)
                {
                    await SyncAsync(now, stoppingToken).ConfigureAwait(false);
                    if (_settings.RedfishPush)
                    {
                        _push.Sync([.. _nodes.Values.Where(n => n.RedfishUrl is not null && n.Management != ManagementProtocol.Ipmi).Select(n => n.Name)],
                            stoppingToken);
                    }
                    nextSync = now + SyncInterval;
                }
                List<(string Node, PollKind Kind, DateTimeOffset Due)> due;
                lock (_scheduleLock)
                {
                    due = _schedule.TakeDue(now, Math.Max(1, _slots.CurrentCount));
                }
                foreach (var poll in due)
                {
                    await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _polls);
                    var task = RunPollAsync(poll.Node, poll.Kind, poll.Due, stoppingToken);
                    running.Add(task);
                }
                running.RemoveWhere(t => t.IsCompleted);
                DateTimeOffset? next;
                lock (_scheduleLock)
                {
                    next = _schedule.NextDue;
                }
                var wait = next is { } at ? at - _time.GetUtcNow() : MaxIdle;
                if (wait > MaxIdle)
                {
                    wait = MaxIdle;
                }
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }
                else if (_slots.CurrentCount == 0)
                {
                    // every slot busy: wait for one to free instead of spinning
                    await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    _slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await background.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SyncAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var view = await _inventory.GetAsync(cancellationToken).ConfigureAwait(false);
            var share = _partition.Current();
            var mine = view.NodeList.Where(n => share.Owns(n.Name)).ToDictionary(n => n.Name, StringComparer.Ordinal);
            var wanted = new List<(string, PollKind)>(mine.Count * 3);
            foreach (var node in mine.Values)
            {
                if (node.IpmiUrl is not null || node.RedfishUrl is not null)
                {
                    wanted.Add((node.Name, PollKind.Sensors));
                    wanted.Add((node.Name, PollKind.Events));
                }
                if (!string.IsNullOrWhiteSpace(node.InbandAddress))
                {
                    wanted.Add((node.Name, PollKind.Primary));
                }
            }
            lock (_scheduleLock)
            {
                _schedule.Sync(wanted, now);
            }
            _nodes = mine;
            _matcher.Update(view);
            _pipeline.Retain(mine.Keys);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSyncFailed(_logger, e); // the store may be down for a moment: the schedule keeps what it had
        }
    }

    private async Task RunPollAsync(string node, PollKind kind, DateTimeOffset due, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            switch (kind)
            {
                case PollKind.Sensors:
                    await _pipeline.PollSensorsAsync(node, cancellationToken).ConfigureAwait(false);
                    break;
                case PollKind.Events:
                    await _pipeline.PollEventsAsync(node, cancellationToken).ConfigureAwait(false);
                    break;
                case PollKind.Primary:
                    if (_nodes.TryGetValue(node, out var definition) && definition.InbandAddress is { } address)
                    {
                        await _pipeline.ProbePrimaryAsync(node, address, cancellationToken).ConfigureAwait(false);
                    }
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(_logger, kind, node, e);
        }
        finally
        {
            _slots.Release();
            lock (_scheduleLock)
            {
                _schedule.Reschedule(node, kind, due, _time.GetUtcNow());
            }
        }
    }

    /// <summary>Rules with a <c>For</c> fire, flapping alerts settle and silences end even when no poll arrives.</summary>
    private async Task TickEngineAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(EngineTick, _time, cancellationToken).ConfigureAwait(false);
                await _engine.TickAsync(cancellationToken).ConfigureAwait(false);
                await _reminders.SendDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(_logger, e);
            }
        }
    }

    private static readonly TimeSpan EngineTick = TimeSpan.FromSeconds(5);

    /// <summary>Console pattern hits of this server's consoles, handed to the pipeline off the console's thread.</summary>
    private sealed class ConsoleHits(MonitoringService service, CancellationToken cancellationToken) : IObserver<ConsolePatternEvent>
    {
        public void OnNext(ConsolePatternEvent value) => _ = service.OnConsoleHitAsync(value, cancellationToken);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    private async Task OnConsoleHitAsync(ConsolePatternEvent hit, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ObserveConsoleAsync(hit.Node, hit.Rule, hit.Severity, hit.Line, hit.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(_logger, PollKind.Events, hit.Node, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert engine tick failed; trying again")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring is off (Lifeline:Monitoring:Enabled is false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring could not read the inventory; keeping the current schedule")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring: {Kind} poll of node {Node} failed")]
    private static partial void LogPollFailed(ILogger logger, PollKind kind, string node, Exception exception);
}

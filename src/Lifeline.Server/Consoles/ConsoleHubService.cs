using Lifeline.Consoles.Hub;
using Lifeline.Consoles.Logging;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Audit;
using Lifeline.Server.Configuration;
using Lifeline.Server.Hosting;
using Lifeline.Server.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Consoles;

/// <summary>
/// The service's console hub: started with the host (every <c>full</c> console of the inventory connects), refreshed
/// after each inventory, group or credential write (<see cref="InventoryChanges"/>), closed when the service stops (SOL
/// payloads deactivated, viewers told). Logs go to DATA/consoles.
/// </summary>
internal sealed partial class ConsoleHubService : IHostedService, IAsyncDisposable
{
    private readonly InventoryCache _inventory;
    private readonly IFleetStore _store;
    private readonly ConsoleSettings _settings;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ConsoleHubService> _logger;
    private readonly ConsoleOptions _options;
    private readonly Lock _lock = new();
    private Task? _closing;

    public ConsoleHubService(InventoryCache inventory, IFleetStore store, AuditWriter audit, ServerSettings settings, IHostApplicationLifetime lifetime,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, ILogger<ConsoleHubService> logger)
    {
        _inventory = inventory;
        _store = store;
        _settings = settings.Consoles;
        _lifetime = lifetime;
        _logger = logger;
        var directory = Path.Combine(settings.ResolveDataDirectory(), "consoles");
        _options = new ConsoleOptions(directory, _settings.SolTakeOver);
        Hub = new ConsoleHub(
            new ConsoleHubOptions
            {
                LogDirectory = directory,
                Log = new ConsoleLogOptions { MaxFileBytes = _settings.LogFileBytes, MaxFiles = _settings.LogFiles, MaxAge = _settings.LogMaxAge, MaxTotalBytes = _settings.LogMaxTotalBytes },
                RecordKeystrokes = _settings.RecordKeystrokes,
                ViewerQueueFrames = _settings.ViewerQueueFrames,
                MaxBackoff = _settings.MaxBackoff,
                Rules = ConsolePatternRules.From(_settings),
                TimeProvider = time,
            },
            r => audit.WriteAsync(r.User, r.Source, r.Action, r.Node, AuditWriter.Ok, r.Details),
            logger);
    }

    public ConsoleHub Hub { get; }

    public bool Enabled => _settings.Enabled;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // open WebSockets would hold Kestrel's shutdown: close the consoles as soon as stopping starts
        _lifetime.ApplicationStopping.Register(() => _ = CloseAsync());
        if (Enabled)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Brings the hub in line with the inventory (called after every inventory write).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || _closing is not null)
        {
            return;
        }

        try
        {
            var view = await _inventory.GetAsync(cancellationToken).ConfigureAwait(false);
            var configs = await ConsoleSources.ConfigsAsync(view, _store, _options, cancellationToken).ConfigureAwait(false);
            await Hub.ApplyAsync(configs, cancellationToken).ConfigureAwait(false);
            LogRefreshed(_logger, configs.Count);
        }
        catch (ObjectDisposedException)
        {
            // stopping
        }
#pragma warning disable CA1031 // the inventory write that called us succeeded; a console refresh failure must not undo its answer
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogRefreshFailed(_logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => CloseAsync();

    private Task CloseAsync()
    {
        lock (_lock)
        {
            return _closing ??= Hub.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Error, Message = "The console hub could not follow the inventory; consoles keep their previous configuration")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console hub refreshed: {Count} consoles configured")]
    private static partial void LogRefreshed(ILogger logger, int count);
}

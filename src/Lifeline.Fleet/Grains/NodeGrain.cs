using Lifeline.Drivers;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// The grain of one node: resolves the node from the store once (until invalidated), keeps a warm backend for its BMC,
/// runs operations through an <see cref="OperationGate"/> under a deadline, and keeps the last known state.
/// </summary>
/// <remarks>
/// <para>Reentrant: Orleans still runs its turns one at a time (no locks around the state), but a call waiting on the
/// BMC does not block the next call. The gate, not Orleans, decides what may run together on the BMC, so a read of the
/// state or a second read never queues behind a slow BMC call, and every call ends within its own deadline.</para>
/// <para>Nothing is persisted: after a restart or a move to another silo the state is rebuilt by the next operation or
/// refresh. No timers: the refresher calls <see cref="RefreshAsync"/>, and the IPMI session's keep-alive timer lives in
/// the driver.</para>
/// </remarks>
[Reentrant]
internal sealed partial class NodeGrain : Grain, INodeGrain
{
    private readonly NodeConfigurationCache _configurations;
    private readonly IWarmBackendFactory _backends;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeGrain> _logger;
    private readonly OperationGate _gate;
    private Loaded? _loaded;
    private Task<Loaded>? _loading;
    private int _generation;
    private NodeState _state;
    private DateTimeOffset? _authenticationFailedAt;

    public NodeGrain(NodeConfigurationCache configurations, IWarmBackendFactory backends, IOptions<FleetOptions> options, TimeProvider time, ILogger<NodeGrain> logger)
    {
        _configurations = configurations;
        _backends = backends;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _gate = new OperationGate(_options.MaxRequestsPerBmc);
        _state = new NodeState("", "none", null, "unknown", "unknown", null, null);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = _state with { Node = Name };
        return base.OnActivateAsync(cancellationToken);
    }

    private string Name => this.GetPrimaryKeyString();

    /// <summary>The resolved configuration and, when the node can be operated, its connection.</summary>
    private sealed record Loaded(NodeConfiguration Configuration, NodeConnection? Connection);

    public async Task<NodeOutcome> RunAsync(NodeOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return await RunCoreAsync(operation, cancellationToken);
    }

    public async Task<NodeState> GetStateAsync(CancellationToken cancellationToken)
    {
        if (_loaded is null)
        {
            // The first look after activation reads the definition (the store, never the BMC) to name the protocol.
            try
            {
                await EnsureLoadedAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogLoadFailed(_logger, Name, e);
            }
        }
        return _state;
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var loaded = await EnsureLoadedAsync(cancellationToken);
        if (loaded.Connection is null)
        {
            return; // not operable: the state already says why
        }
        if (_authenticationFailedAt is { } failed && _time.GetUtcNow() - failed < _options.AuthenticationRetryInterval)
        {
            // The BMC refused the credential lately: another failed login each minute could lock the account out.
            return;
        }
        await RunCoreAsync(new NodeOperation(OperationKind.Power, PowerAction.Status), cancellationToken);
    }

    public Task InvalidateAsync(CancellationToken cancellationToken)
    {
        _configurations.Invalidate();
        _generation++;
        _loading = null;
        _authenticationFailedAt = null;
        var old = _loaded;
        _loaded = null;
        if (old?.Connection is { } connection)
        {
            // Running operations finish on the old sessions; the next one resolves the node again.
            _ = connection.RetireAsync();
        }
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _generation++;
        _loading = null;
        var old = _loaded;
        _loaded = null;
        if (old?.Connection is { } connection)
        {
            await connection.RetireAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The cached configuration, resolving it from the store first when needed (one resolution at a time).</summary>
    private async Task<Loaded> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }
        var loading = _loading ??= LoadAsync(_generation);
        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        catch (Exception) when (loading.IsFaulted && ReferenceEquals(_loading, loading))
        {
            _loading = null; // a store failure is retried by the next call
            throw;
        }
    }

    private async Task<Loaded> LoadAsync(int generation)
    {
        // Not bound to one caller's token: several callers may wait for it. The store has its own timeouts.
        var (configuration, password) = await _configurations.ResolveAsync(Name, CancellationToken.None);
        NodeConnection? connection = null;
        if (configuration.Error is null && password is not null)
        {
            connection = new NodeConnection(_backends.Create(configuration.Target!), configuration.Target!, _options.ConnectionSettingsFor(password), password);
        }
        else
        {
            password?.Dispose();
        }
        var loaded = new Loaded(configuration, connection);
        if (generation != _generation)
        {
            // invalidated while resolving: serve the caller that waited, keep nothing
            if (connection is not null)
            {
                _ = connection.RetireAsync();
            }
            return loaded;
        }
        _loaded = loaded;
        _state = _state with { Protocol = configuration.Protocol };
        if (configuration.Error is { } error)
        {
            _state = _state with { Reachability = "unknown", LastError = error };
            if (error.Category == NodeCategories.UnknownNode)
            {
                // Nothing to keep for a name that is not in the inventory: the next call asks the store again.
                this.DeactivateOnIdle();
            }
            else
            {
                LogNotOperable(_logger, Name, error.Category, error.Message);
            }
        }
        return loaded;
    }

    /// <summary>Loads, validates, waits for the gate and runs the operation; every path ends in an outcome.</summary>
    private async Task<NodeOutcome> RunCoreAsync(NodeOperation operation, CancellationToken cancellationToken)
    {
        var timeout = _options.TimeoutFor(operation.Kind);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;

        Loaded loaded;
        try
        {
            loaded = await EnsureLoadedAsync(token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(Cancelled, reachedBmc: null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Fail(new NodeError(NodeCategories.Timeout, $"the node's definition could not be read within {Seconds(timeout)}",
                "check the database the service uses; see the server log"), reachedBmc: null);
        }
        catch (Exception e)
        {
            LogLoadFailed(_logger, Name, e);
            return Fail(new NodeError(NodeCategories.Internal, $"cannot read the node's definition: {e.Message}",
                "check the database the service uses; see the server log"), reachedBmc: null);
        }

        if (loaded.Connection is not { } connection)
        {
            return new NodeOutcome(Name, null, loaded.Configuration.Error!);
        }
        if (Validate(operation) is { } invalid)
        {
            return new NodeOutcome(Name, null, invalid);
        }
        if (!connection.TryAddUser())
        {
            // invalidated between loading and now: resolve again once
            return await RunCoreAsync(operation, cancellationToken);
        }

        OperationGate.Lease? lease = null;
        Task<object>? work = null;
        NodeError failure;
        try
        {
            lease = await _gate.EnterAsync(operation.IsMutating, token);
            work = ExecuteAsync(connection, operation, token);
            var result = await work.WaitAsync(token);
            NoteSuccess(result);
            return new NodeOutcome(Name, result, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(Cancelled, reachedBmc: null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            failure = lease is null
                ? new NodeError(NodeCategories.Timeout, $"waited {Seconds(timeout)} behind earlier operations on this BMC without a turn",
                    "retry when the node's running operations have finished")
                : new NodeError(NodeCategories.Timeout, $"no result from the BMC within {Seconds(timeout)} (the operation's deadline)",
                    "check that the BMC is powered and on the network; for slow BMCs raise Fleet:OperationTimeout or Fleet:LongOperationTimeout");
            if (lease is null)
            {
                return Fail(failure, reachedBmc: null);
            }
        }
        catch (Exception e)
        {
            failure = ForFleet(new FailureClassifier(connection.Backend).Classify(e), loaded.Configuration);
        }
        finally
        {
            if (work is { IsCompleted: false })
            {
                // The driver ignored its token: keep the BMC's slots until it really stops, so nothing interleaves.
                var held = lease;
                _ = work.ContinueWith(_ =>
                {
                    held?.Dispose();
                    connection.RemoveUser();
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            else
            {
                lease?.Dispose();
                connection.RemoveUser();
            }
        }
        return Fail(failure, reachedBmc: !NodeCategories.IsUnreachable(failure.Category));
    }

    private static NodeError? Validate(NodeOperation operation) => operation.Kind switch
    {
        OperationKind.BootSet when operation.Boot is null => new NodeError(NodeCategories.InvalidRequest,
            "a boot override needs a device", "give the device (none, pxe, disk, cdrom, bios, …)"),
        OperationKind.Identify when operation.Identify is null => new NodeError(NodeCategories.InvalidRequest,
            "identify needs a mode", "give the mode (on, off, seconds)"),
        _ when !Enum.IsDefined(operation.Kind) => new NodeError(NodeCategories.InvalidRequest,
            $"unknown operation {(int)operation.Kind}", "use one of: " + string.Join(", ", Enum.GetNames<OperationKind>())),
        _ => null,
    };

    private static readonly NodeError Cancelled = new(NodeCategories.Cancelled, "cancelled before this node finished", "run the operation again for this node");

    private NodeOutcome Fail(NodeError error, bool? reachedBmc)
    {
        if (reachedBmc is { } reached)
        {
            Note(error, reached);
        }
        return new NodeOutcome(Name, null, error);
    }

    /// <summary>
    /// Records a failure: a BMC that did not answer is unreachable; one that answered (with an error, a refusal) is
    /// reachable; a node that cannot be operated has unknown reachability.
    /// </summary>
    private void Note(NodeError error, bool reachedBmc)
    {
        var now = _time.GetUtcNow();
        bool configuration = error.Category is NodeCategories.NotConfigured or NodeCategories.UnknownNode;
        _state = _state with
        {
            Reachability = configuration ? "unknown" : reachedBmc ? "reachable" : "unreachable",
            CheckedAt = configuration ? _state.CheckedAt : now,
            LastError = error,
        };
        if (NodeCategories.IsAuthentication(error.Category))
        {
            _authenticationFailedAt = now;
        }
    }

    private void NoteSuccess(object result)
    {
        _authenticationFailedAt = null;
        var state = _state with { Reachability = "reachable", CheckedAt = _time.GetUtcNow(), LastError = null };
        switch (result)
        {
            case PowerResult { State: { } power }:
                state = state with { Power = power == PowerState.On ? "on" : "off" };
                break;
            // A hard on or off is where the chassis is once the BMC accepted it; soft off, cycle and reset take their
            // time, so the power stays as last read until the next status or refresh.
            case PowerResult { Action: PowerAction.On }:
                state = state with { Power = "on" };
                break;
            case PowerResult { Action: PowerAction.Off }:
                state = state with { Power = "off" };
                break;
            case HealthResult health:
                state = state with { Health = health.Health };
                break;
            case SensorsResult sensors:
                state = state with { Health = HealthEvaluator.Evaluate(sensors).Health };
                break;
        }
        _state = state;
    }

    /// <summary>The drivers' next steps speak of CLI flags; in the service they point at the credential and settings.</summary>
    private static NodeError ForFleet(NodeError error, NodeConfiguration configuration)
    {
        var credential = configuration.Credential ?? "?";
        string? next = error.Category switch
        {
            _ when NodeCategories.IsAuthentication(error.Category) =>
                $"check the user name and password of credential '{credential}' (PUT /api/v1/credentials/{credential}); BMCs may lock an account out after repeated failures",
            NodeCategories.InsufficientPrivilege =>
                $"give the BMC user of credential '{credential}' the Operator privilege, or point the node at a credential that has it",
            NodeCategories.Timeout or NodeCategories.Unreachable =>
                $"check that the BMC at {configuration.Target} is powered and on the network; for slow BMCs raise " +
                (configuration.Target?.IsRedfish == true ? "Lifeline:Fleet:OperationTimeout" : "Lifeline:Fleet:IpmiTimeout or Lifeline:Fleet:IpmiRetries"),
            _ => null,
        };
        return next is null ? error : error with { NextStep = next };
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds % 1 == 0 ? "0" : "0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: cannot read its definition from the store")]
    private static partial void LogLoadFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} cannot be operated ({Category}): {Reason}")]
    private static partial void LogNotOperable(ILogger logger, string node, string category, string reason);
}

using Lifeline.Drivers;
using System.Collections.Concurrent;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Fakes;

/// <summary>
/// A backend whose answers are functions of the target, so a test decides per node what happens (a value, or an
/// exception). Records every call and the connection settings it got.
/// </summary>
internal sealed class FakeBackend : IBmcBackend, ISimulatorHost
{
    public Func<BmcTarget, PowerAction, PowerResult> Power { get; set; } = (_, a) => new PowerResult(PowerState.On, a == PowerAction.Status ? null : a);

    public Func<BmcTarget, SensorsResult> Sensors { get; set; } = _ => new SensorsResult([]);

    public Func<BmcTarget, SelResult> Sel { get; set; } = _ => new SelResult([]);

    public Func<BmcTarget, BootRequest?, BootResult> Boot { get; set; } = (_, r) => new BootResult(r?.Device ?? BootDevice.None, r?.Persistent ?? false, r?.Efi ?? false);

    public Func<BmcTarget, RawRequest, RawResult> Raw { get; set; } = (_, _) => new RawResult(0, []);

    public Func<BmcTarget, DiscoverResult> Discover { get; set; } = _ => new DiscoverResult(false);

    /// <summary>Awaited before every answer: lets a test hold nodes (until their token fires) or signal their start.</summary>
    public Func<BmcTarget, CancellationToken, Task>? BeforeAnswer { get; set; }

    public ConcurrentQueue<(string Verb, BmcTarget Target)> Calls { get; } = new();

    public ConnectionSettings? LastConnection { get; private set; }

    /// <summary>The password bytes as seen during the call (the CLI disposes the secret afterwards).</summary>
    public byte[]? PasswordSeen { get; private set; }

    public byte[]? KgSeen { get; private set; }

    public object? LastRequest { get; private set; }

    public SimulatorOptions? SimulatorStarted { get; private set; }

    /// <summary>Completes when <see cref="StartAsync"/> is called.</summary>
    public TaskCompletionSource SimulatorStartedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? SimulatorPasswordSeen { get; private set; }

    public bool SimulatorStopped { get; private set; }

    private async Task<T> Call<T>(string verb, BmcTarget target, ConnectionSettings? connection, Func<T> answer, object? request = null,
        CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((verb, target));
        if (connection is not null)
        {
            LastConnection = connection;
            PasswordSeen = connection.Password.Bytes.ToArray();
            KgSeen = connection.Kg?.Bytes.ToArray();
        }

        LastRequest = request ?? LastRequest;
        if (BeforeAnswer is { } before)
        {
            await before(target, cancellationToken);
        }

        return answer();
    }

    public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken) =>
        Call("power", target, connection, () => Power(target, action), action, cancellationToken);

    public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("boot status", target, connection, () => Boot(target, null), cancellationToken: cancellationToken);

    public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken) =>
        Call("boot", target, connection, () => Boot(target, request), request, cancellationToken);

    public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("sensors", target, connection, () => Sensors(target), cancellationToken: cancellationToken);

    public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("sel list", target, connection, () => Sel(target), cancellationToken: cancellationToken);

    public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("sel clear", target, connection, () => new ActionResult("SEL cleared"), cancellationToken: cancellationToken);

    public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("inventory", target, connection, () => new InventoryResult(null, new FruBoard(null, "Acme", "X1", "S1", "P1"), null), cancellationToken: cancellationToken);

    public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("bmc info", target, connection, () => new BmcInfoResult(0x20, 1, "2.31", "2.0", 343, "Intel", 0x1234, Guid.Empty), cancellationToken: cancellationToken);

    public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken) =>
        Call("bmc reset", target, connection, () => new ActionResult($"{kind} reset sent"), kind, cancellationToken);

    public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken) =>
        Call("identify", target, connection, () => new ActionResult("identify on"), request, cancellationToken);

    public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken) =>
        Call("raw", target, connection, () => Raw(target, request), request, cancellationToken);

    public Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken) =>
        Call("discover", target, null, () => Discover(target), settings, cancellationToken);

    public Func<BmcTarget, FirmwareListResult> Firmware { get; set; } = _ => new FirmwareListResult([new FirmwareComponent("BMC", "BMC firmware", "1.0.0", true)]);

    public Func<BmcTarget, BiosResult> Bios { get; set; } = _ =>
        new BiosResult(new Dictionary<string, string> { ["BootMode"] = "Uefi", ["ProcTurboMode"] = "Enabled" }, new Dictionary<string, string> { ["ProcTurboMode"] = "Disabled" });

    public Task<FirmwareListResult> ListFirmwareAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        target.IsRedfish
            ? Call("firmware list", target, connection, () => Firmware(target), cancellationToken: cancellationToken)
            : ((IBmcBackend)new UnsupportedBackend()).ListFirmwareAsync(target, connection, cancellationToken);

    public Task<FirmwareUpdateResult> UpdateFirmwareAsync(BmcTarget target, ConnectionSettings connection, FirmwareUpdateRequest request,
        CancellationToken cancellationToken) =>
        Call("firmware update", target, connection, () => new FirmwareUpdateResult("completed", 100, "done", "/redfish/v1/TaskService/Tasks/1"), request, cancellationToken);

    public Task<BiosResult> GetBiosAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        Call("bios get", target, connection, () => Bios(target), cancellationToken: cancellationToken);

    public Task<ActionResult> SetBiosAsync(BmcTarget target, ConnectionSettings connection, BiosSetRequest request, CancellationToken cancellationToken) =>
        Call("bios set", target, connection, () => new ActionResult("pending until the next reset"), request, cancellationToken);

    public Task<ActionResult> InsertMediaAsync(BmcTarget target, ConnectionSettings connection, MediaInsertRequest request, CancellationToken cancellationToken) =>
        Call("media insert", target, connection, () => new ActionResult($"{request.ImageUrl} inserted"), request, cancellationToken);

    /// <summary>Events each node streams for <c>events watch</c>.</summary>
    public Func<BmcTarget, IReadOnlyList<BmcEvent>> Events { get; set; } = _ => [];

    public async IAsyncEnumerable<BmcEvent> WatchEventsAsync(BmcTarget target, ConnectionSettings connection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls.Enqueue(("events watch", target));
        foreach (var e in Events(target))
        {
            yield return e;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>A backend with only the interface's defaults, to get their Redfish-only refusals.</summary>
    private sealed class UnsupportedBackend : IBmcBackend
    {
        public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken) => throw new NotImplementedException();
    }

    /// <summary>When set, <see cref="StartAsync"/> fails with it (a port in use, say).</summary>
    public Exception? SimulatorFailure { get; set; }

    public Task<ISimulatedFleetHandle> StartAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        if (SimulatorFailure is { } failure)
        {
            return Task.FromException<ISimulatedFleetHandle>(failure);
        }

        SimulatorStarted = options;
        SimulatorPasswordSeen = System.Text.Encoding.UTF8.GetString(options.Password.Bytes);
        SimulatorStartedSignal.TrySetResult();
        return Task.FromResult<ISimulatedFleetHandle>(new Stopper(this, options));
    }

    private sealed class Stopper(FakeBackend owner, SimulatorOptions options) : ISimulatedFleetHandle
    {
        public int Ready => options.Endpoints.Count;

        public IReadOnlyList<string> Urls => options.Endpoints.Select(e => $"ipmi://{options.User}@{e.Address}:{e.Port}").ToArray();

        public ValueTask DisposeAsync()
        {
            owner.SimulatorStopped = true;
            return ValueTask.CompletedTask;
        }
    }
}

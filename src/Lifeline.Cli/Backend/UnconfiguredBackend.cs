using Lifeline.Drivers;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Backend;

/// <summary>
/// The backend used until a real one is registered: every call fails with category "not-implemented", so the whole
/// CLI (parsing, fan-out, output, exit codes) works and says plainly what is missing.
/// </summary>
public sealed class UnconfiguredBackend : IBmcBackend, ISimulatorHost
{
    private static Task<T> Missing<T>(string verb) =>
        Task.FromException<T>(new BmcFailureException(
            "not-implemented",
            $"{verb}: this build of lifeline has no IPMI backend registered",
            "use a build with the IPMI backend (register an IBmcBackend in Program.cs)"));

    public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken) => Missing<PowerResult>("power");

    public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<BootResult>("boot status");

    public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken) => Missing<BootResult>("boot");

    public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<SensorsResult>("sensors");

    public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<SelResult>("sel list");

    public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<ActionResult>("sel clear");

    public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<InventoryResult>("inventory");

    public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) => Missing<BmcInfoResult>("bmc info");

    public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken) => Missing<ActionResult>("bmc reset");

    public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken) => Missing<ActionResult>("identify");

    public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken) => Missing<RawResult>("raw");

    public Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken) => Missing<DiscoverResult>("discover");

    public Task<ISimulatedFleetHandle> StartAsync(SimulatorOptions options, CancellationToken cancellationToken) =>
        Task.FromException<ISimulatedFleetHandle>(new NotSupportedException(
            "this build of lifeline has no simulator registered (register an ISimulatorHost in Program.cs)"));
}

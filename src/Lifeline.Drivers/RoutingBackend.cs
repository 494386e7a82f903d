
namespace Lifeline.Drivers;

/// <summary>
/// Sends each call to the backend of its target's scheme: ipmi:// to the IPMI backend, redfish:// and
/// redfish+http:// to the Redfish one. One command may so mix protocols (a <c>--bmc-file</c> with both).
/// </summary>
public sealed class RoutingBackend : IBmcBackend
{
    private readonly IBmcBackend _ipmi;
    private readonly IBmcBackend _redfish;

    public RoutingBackend(IBmcBackend ipmi, IBmcBackend redfish)
    {
        _ipmi = ipmi;
        _redfish = redfish;
    }

    private IBmcBackend For(BmcTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsRedfish ? _redfish : _ipmi;
    }

    public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken) =>
        For(target).PowerAsync(target, connection, action, cancellationToken);

    public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).GetBootAsync(target, connection, cancellationToken);

    public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken) =>
        For(target).SetBootAsync(target, connection, request, cancellationToken);

    public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).ReadSensorsAsync(target, connection, cancellationToken);

    public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).ListSelAsync(target, connection, cancellationToken);

    public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).ClearSelAsync(target, connection, cancellationToken);

    public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).ReadInventoryAsync(target, connection, cancellationToken);

    public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).GetBmcInfoAsync(target, connection, cancellationToken);

    public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken) =>
        For(target).ResetBmcAsync(target, connection, kind, cancellationToken);

    public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken) =>
        For(target).IdentifyAsync(target, connection, request, cancellationToken);

    public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken) =>
        For(target).RawAsync(target, connection, request, cancellationToken);

    /// <summary>Discover is the RMCP presence ping: always IPMI.</summary>
    public Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken) =>
        _ipmi.DiscoverAsync(target, settings, cancellationToken);

    public Task<FirmwareListResult> ListFirmwareAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).ListFirmwareAsync(target, connection, cancellationToken);

    public Task<FirmwareUpdateResult> UpdateFirmwareAsync(BmcTarget target, ConnectionSettings connection, FirmwareUpdateRequest request,
        CancellationToken cancellationToken) =>
        For(target).UpdateFirmwareAsync(target, connection, request, cancellationToken);

    public Task<ActionResult> InsertMediaAsync(BmcTarget target, ConnectionSettings connection, MediaInsertRequest request, CancellationToken cancellationToken) =>
        For(target).InsertMediaAsync(target, connection, request, cancellationToken);

    public Task<ActionResult> EjectMediaAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).EjectMediaAsync(target, connection, cancellationToken);

    public Task<BiosResult> GetBiosAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).GetBiosAsync(target, connection, cancellationToken);

    public Task<ActionResult> SetBiosAsync(BmcTarget target, ConnectionSettings connection, BiosSetRequest request, CancellationToken cancellationToken) =>
        For(target).SetBiosAsync(target, connection, request, cancellationToken);

    public Task<BmcHealthResult> GetBmcHealthAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).GetBmcHealthAsync(target, connection, cancellationToken);

    public IAsyncEnumerable<BmcEvent> WatchEventsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        For(target).WatchEventsAsync(target, connection, cancellationToken);

    public Task<EventBatch> ReadEventsSinceAsync(BmcTarget target, ConnectionSettings connection, EventReadCursor? cursor,
        CancellationToken cancellationToken) =>
        For(target).ReadEventsSinceAsync(target, connection, cursor, cancellationToken);

    /// <summary>Either backend's own mapping, Redfish's first (its exceptions are distinct types).</summary>
    public NodeError? DescribeFailure(Exception exception) =>
        _redfish.DescribeFailure(exception) ?? _ipmi.DescribeFailure(exception);
}


namespace Lifeline.Drivers;

/// <summary>
/// The seam between the <c>lifeline</c> command and a BMC protocol: one method per verb. The CLI parses options,
/// resolves secrets, fans out over the targets and renders results; an implementation talks to one BMC per call.
/// </summary>
/// <remarks>
/// <para>Calls run concurrently (up to <c>--fanout</c>) and must be thread-safe. Each call gets a token that fires on
/// Ctrl-C or when the node's overall deadline passes; honour it promptly.</para>
/// <para>Failures are exceptions. An exception with a string-or-enum <c>Error</c> property and a string
/// <c>NextStep</c> property (such as <c>IpmiException</c> or <see cref="BmcFailureException"/>) becomes the node's
/// error category and next step; <see cref="TimeoutException"/> becomes "timeout". Override
/// <see cref="DescribeFailure"/> to map anything else.</para>
/// </remarks>
public interface IBmcBackend
{
    /// <summary><c>power status|on|off|cycle|reset|soft|diag</c> — IPMI v2.0 §28.2 Get Chassis Status, §28.3 Chassis Control.</summary>
    Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken);

    /// <summary><c>boot status</c> — §28.13 Get System Boot Options, parameter 5 (boot flags).</summary>
    Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>boot &lt;device&gt;</c> — §28.12 Set System Boot Options, parameter 5 (boot flags).</summary>
    Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken);

    /// <summary><c>sensors</c> — walk the SDR repository (§33) and read each sensor (§35.14 Get Sensor Reading).</summary>
    Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>sel list</c> — §31 System Event Log, Get SEL Entry until the last record.</summary>
    Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>sel clear</c> — §31.9 Clear SEL (reserve, initiate erase, wait for completion).</summary>
    Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>inventory</c> — FRU device 0 (§34 Read FRU Data, decoded per the Platform Management FRU spec).</summary>
    Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>bmc info</c> — §20.1 Get Device ID (and §22.14 Get System GUID where available).</summary>
    Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken);

    /// <summary><c>bmc reset --warm|--cold</c> — §20.2 Cold Reset / §20.3 Warm Reset. The BMC may not answer.</summary>
    Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken);

    /// <summary><c>identify</c> — §28.5 Chassis Identify.</summary>
    Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken);

    /// <summary><c>raw</c> — send one request as given; a non-zero completion code is a result, not an exception.</summary>
    Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// <c>discover</c> — RMCP/ASF Presence Ping (DSP0136 §3.2.4.3), no session, no credentials
    /// (<see cref="BmcTarget.User"/> is empty). Return <c>Responded = false</c> for silence; throw only on real failures.
    /// </summary>
    Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken);

    /// <summary><c>firmware list</c> — Redfish UpdateService.FirmwareInventory.</summary>
    Task<FirmwareListResult> ListFirmwareAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        throw NotSupported(target, "firmware list");

    /// <summary><c>firmware update</c> — Redfish SimpleUpdate (URL) or multipart push (file), task followed to the end.</summary>
    Task<FirmwareUpdateResult> UpdateFirmwareAsync(BmcTarget target, ConnectionSettings connection, FirmwareUpdateRequest request,
        CancellationToken cancellationToken) =>
        throw NotSupported(target, "firmware update");

    /// <summary><c>media insert URL</c> — Redfish VirtualMedia.InsertMedia.</summary>
    Task<ActionResult> InsertMediaAsync(BmcTarget target, ConnectionSettings connection, MediaInsertRequest request, CancellationToken cancellationToken) =>
        throw NotSupported(target, "media insert");

    /// <summary><c>media eject</c> — Redfish VirtualMedia.EjectMedia on every inserted device.</summary>
    Task<ActionResult> EjectMediaAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        throw NotSupported(target, "media eject");

    /// <summary><c>bios get</c> — Redfish Bios attributes (and pending settings).</summary>
    Task<BiosResult> GetBiosAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        throw NotSupported(target, "bios get");

    /// <summary><c>bios set</c> — PATCH of the Bios settings object; applied at the next reset.</summary>
    Task<ActionResult> SetBiosAsync(BmcTarget target, ConnectionSettings connection, BiosSetRequest request, CancellationToken cancellationToken) =>
        throw NotSupported(target, "bios set");

    /// <summary><c>events watch</c> — the BMC's events as they come (Redfish SSE), until cancelled.</summary>
    IAsyncEnumerable<BmcEvent> WatchEventsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        throw NotSupported(target, "events watch");

    /// <summary>
    /// The BMC's own health roll-up (Redfish Status.HealthRollup of systems, chassis, managers). BMCs without one
    /// (IPMI) throw <c>not-supported</c>; node health then comes from the sensors alone.
    /// </summary>
    Task<BmcHealthResult> GetBmcHealthAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        throw NotSupported(target, "bmc health");

    /// <summary>
    /// The event log's records newer than <paramref name="cursor"/> (all of them without one), for polling: IPMI reads
    /// Get SEL Info first and no entry at all when nothing changed; Redfish reads the system's SEL LogService. Clears,
    /// overflow and a vanished last record are reported in the batch. The default implementation filters a full
    /// <see cref="ListSelAsync"/> by record id (no raw bytes; fine for fakes and simple backends).
    /// </summary>
    Task<EventBatch> ReadEventsSinceAsync(BmcTarget target, ConnectionSettings connection, EventReadCursor? cursor,
        CancellationToken cancellationToken) =>
        EventListFallback.ReadSinceAsync(this, target, connection, cursor, cancellationToken);

    /// <summary>The failure of a Redfish-only verb on a target whose protocol lacks it.</summary>
    static BmcFailureException NotSupported(BmcTarget target, string verb) => new(
        "not-supported",
        $"{verb} needs Redfish; {BmcTarget.SchemeName(target?.Scheme ?? BmcScheme.Ipmi)}:// BMCs do not offer it",
        "use a redfish://USER@HOST URL for this BMC");

    /// <summary>
    /// Maps a failure of this backend to a node error, or returns null to let the CLI's generic mapping decide
    /// (Error/NextStep properties, TimeoutException, then "internal").
    /// </summary>
    NodeError? DescribeFailure(Exception exception) => null;
}

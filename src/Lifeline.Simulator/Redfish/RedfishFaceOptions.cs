using Lifeline.Simulator.Fleet;

namespace Lifeline.Simulator.Redfish;

/// <summary>How the simulator's Redfish face listens and behaves. One Kestrel server serves every node.</summary>
public sealed record RedfishFaceOptions
{
    public static RedfishFaceOptions Default { get; } = new();

    /// <summary>HTTPS with a self-signed certificate generated at start (the default); false serves plain HTTP
    /// (tests, <c>redfish+http://</c> clients).</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>The port on each node's own address (its <c>Lan.Address</c>) when <see cref="Placement"/> is null.</summary>
    public int Port { get; init; } = 443;

    /// <summary>Where each node listens, by index (e.g. one address and consecutive ports for non-root users);
    /// null = the node's LAN address and <see cref="Port"/>.</summary>
    public SimulatorPlacement? Placement { get; init; }

    /// <summary>Concurrent Redfish sessions a node allows (DSP0266 §13.3.4: services may limit them).</summary>
    public int SessionLimit { get; init; } = 8;

    /// <summary>SessionService.SessionTimeout: a session unused this long is gone.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a firmware update task runs before the new version is active.</summary>
    public TimeSpan UpdateTaskDuration { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How often a node with event listeners (SSE streams or subscriptions) looks at its model for
    /// power and SEL changes made by other faces. Changes the Redfish face makes itself are sent at once.</summary>
    public TimeSpan EventPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Folder of a recorded Redfish tree (DMTF "tall" mockup, e.g. ../shared/redfish-mockups/openbmc-bmcweb-stock)
    /// used as the static shape of every node, with the model's live state laid over it.</summary>
    public string? MockupDirectory { get; init; }

    /// <summary>Redfish-specific faults for every node at start; change one node's with <see cref="RedfishNode.Faults"/>.</summary>
    public RedfishFaults Faults { get; init; } = RedfishFaults.None;

    /// <summary>Largest request body (a multipart firmware image).</summary>
    public long MaxRequestBodyBytes { get; init; } = 64L * 1024 * 1024;
}

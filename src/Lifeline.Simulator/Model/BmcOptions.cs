using System.Net;

namespace Lifeline.Simulator.Model;

/// <summary>
/// How one simulated node is built. Immutable and meant to be shared: a fleet of 10,000 nodes normally has one
/// instance plus a few overrides.
/// </summary>
public sealed record BmcOptions
{
    public static BmcOptions Default { get; } = new();

    public VendorPersonality Personality { get; init; } = VendorPersonality.Generic;

    public PowerTimings Timings { get; init; } = PowerTimings.Default;

    /// <summary>Main power when the model is built. An "on" node starts with its OS already at the login prompt.</summary>
    public bool InitiallyOn { get; init; } = true;

    public PowerRestorePolicy PowerRestorePolicy { get; init; } = PowerRestorePolicy.AlwaysOff;

    public int SelCapacity { get; init; } = 1024;

    public SelFullBehavior SelFullBehavior { get; init; } = SelFullBehavior.StopLogging;

    /// <summary>Record ids start again at 0001h after a Clear SEL, as many BMCs do (by default they keep counting,
    /// so an id is never reused). With this, a record after a clear can have the id, and even the bytes, of an old one.</summary>
    public bool SelRestartsRecordIdsAfterClear { get; init; }

    /// <summary>Bounded host console buffer (it grows to this size as output arrives).</summary>
    public int ConsoleBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Mean rate of correctable ECC errors while main power is on (a Poisson process).</summary>
    public double CorrectableEccPerHour { get; init; } = 0.25;

    /// <summary>How often the simulated BMC compares readings with thresholds (threshold events are found on
    /// this grid, so they do not depend on how often anyone looks).</summary>
    public TimeSpan SensorScanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Mean room temperature; each node is within ±2 °C of it.</summary>
    public double AmbientTemperature { get; init; } = 22.0;

    public SensorTable Sensors { get; init; } = SensorTable.Default;

    public FaultSettings Faults { get; init; } = FaultSettings.Default;

    public string AdminName { get; init; } = "admin";
    public string AdminPassword { get; init; } = "admin";
    public string OperatorName { get; init; } = "operator";
    public string OperatorPassword { get; init; } = "operator";
    public string ReadOnlyName { get; init; } = "readonly";
    public string ReadOnlyPassword { get; init; } = "readonly";

    /// <summary>The BMC address; when null it is <see cref="FirstAddress"/> plus the node index.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Loopback 127.1.0.1 upward: Linux answers on all of 127/8, so 10,000 nodes fit on one host.</summary>
    public IPAddress FirstAddress { get; init; } = new([127, 1, 0, 1]);

    public IPAddress SubnetMask { get; init; } = new([255, 0, 0, 0]);

    public IPAddress DefaultGateway { get; init; } = new([127, 0, 0, 1]);

    public ushort VlanId { get; init; }

    public override string ToString() =>
        $"BmcOptions {{ {Personality}, {(InitiallyOn ? "on" : "off")}, SEL {SelCapacity}, users {AdminName}/{OperatorName}/{ReadOnlyName} }}";
}

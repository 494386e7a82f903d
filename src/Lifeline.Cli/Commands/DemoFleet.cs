using System.Net;
using Lifeline.Fleet.Inventory;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Cli.Commands;

/// <summary>
/// The simulated fleet of <c>lifeline demo</c> and the inventory that registers it: every node has an IPMI and a
/// Redfish face, and the inventory gives a third of the nodes only IPMI, a third only Redfish and the rest both. Two
/// nodes are faulty on purpose: the last BMC never answers, and the one before it has a failed fan.
/// </summary>
public sealed class DemoFleet : IAsyncDisposable
{
    public const string CredentialName = "demo-bmc";
    public const string BmcUser = "admin";

    private readonly SimulatedFleet _fleet;
    private readonly RedfishFace _redfish;

    private DemoFleet(SimulatedFleet fleet, RedfishFace redfish, IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups)
    {
        _fleet = fleet;
        _redfish = redfish;
        Nodes = nodes;
        Groups = groups;
    }

    /// <summary>The inventory: one definition per simulated BMC.</summary>
    public IReadOnlyList<NodeDefinition> Nodes { get; }

    /// <summary><c>all</c> (carries the credential), <c>rack1</c>…, <c>ipmi-only</c>, <c>redfish-only</c>, <c>dual</c>.</summary>
    public IReadOnlyList<GroupDefinition> Groups { get; }

    public string DeadNode => Nodes[^1].Name;

    public string FanFailedNode => Nodes[^2].Name;

    /// <summary>The node whose Fan3 wears out (120 RPM less each minute), or null in a fleet under 4 nodes.</summary>
    public string? FanWearNode => Nodes.Count >= 4 ? Nodes[^3].Name : null;

    /// <summary>The node whose first DIMM logs more and more corrected ECC errors, or null in a fleet under 4 nodes.</summary>
    public string? DimmWearNode => Nodes.Count >= 4 ? Nodes[^4].Name : null;

    public int CountIn(string group) => Nodes.Count(n => n.Groups.Contains(group));

    /// <summary>Starts <paramref name="ipmi"/>.Count BMCs (IPMI on those endpoints, Redfish over HTTPS on <paramref name="redfish"/>).</summary>
    public static async Task<DemoFleet> StartAsync(IReadOnlyList<IPEndPoint> ipmi, IReadOnlyList<IPEndPoint> redfish, string password,
        CancellationToken cancellationToken)
    {
        int count = ipmi.Count;
        var options = new SimulatedFleetOptions
        {
            Nodes = count,
            Seed = 1,
            Placement = new SimulatorPlacement { EndPoints = ipmi },
            UserName = BmcUser,
            Password = password,
            Override = (index, defaults) => index == count - 1 ? defaults with { Faults = defaults.Faults with { Hung = true } } : defaults,
        };
        var (fleet, _) = IpmiFace.StartFleet(options);
        try
        {
            await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            fleet.Nodes[count - 2].Model.FailFan(1);
            if (count >= 4)
            {
                // slow failures for the monitor to catch early: a fan wearing out, a DIMM with more and more corrected errors
                fleet.Nodes[count - 3].Model.DegradeFan(3, rpmPerMinute: 120);
                fleet.Nodes[count - 4].Model.DegradeDimm(0, initialPerHour: 6, growthPerHourPerHour: 12);
            }
            var face = await RedfishFace.StartAsync(fleet, new RedfishFaceOptions
            {
                UseHttps = true,
                Placement = new SimulatorPlacement { EndPoints = redfish },
            }, cancellationToken).ConfigureAwait(false);
            var (nodes, groups) = Inventory(ipmi, redfish);
            return new DemoFleet(fleet, face, nodes, groups);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The demo's inventory for the given endpoints (node01…, racks of 16, protocol mix by position).</summary>
    public static (IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<GroupDefinition> Groups) Inventory(IReadOnlyList<IPEndPoint> ipmi, IReadOnlyList<IPEndPoint> redfish)
    {
        int width = Math.Max(2, ipmi.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var nodes = new List<NodeDefinition>(ipmi.Count);
        for (int i = 0; i < ipmi.Count; i++)
        {
            string rack = $"rack{(i / 16) + 1}";
            string kind = (i % 3) switch { 0 => "ipmi-only", 1 => "redfish-only", _ => "dual" };
            nodes.Add(new NodeDefinition
            {
                Name = "node" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'),
                Groups = ["all", rack, kind],
                IpmiUrl = kind == "redfish-only" ? null : $"ipmi://{BmcUser}@{ipmi[i].Address}:{ipmi[i].Port}",
                RedfishUrl = kind == "ipmi-only" ? null : $"redfish://{BmcUser}@{redfish[i].Address}:{redfish[i].Port}",
                Location = new Location("demo", rack, (i % 16) + 1),
            });
        }

        var groups = new List<GroupDefinition>
        {
            new() { Name = "all", Description = "every demo node", Credential = CredentialName, Attributes = new Dictionary<string, string> { ["site"] = "demo" } },
            new() { Name = "ipmi-only", Description = "reached over IPMI 2.0 only" },
            new() { Name = "redfish-only", Description = "reached over Redfish only" },
            new() { Name = "dual", Description = "IPMI and Redfish; Redfish is used" },
        };
        groups.AddRange(nodes.Select(n => n.Groups[1]).Distinct().Select(r => new GroupDefinition { Name = r, Description = $"simulated {r}" }));
        return (nodes, groups);
    }

    public async ValueTask DisposeAsync()
    {
        await _redfish.DisposeAsync().ConfigureAwait(false);
        await _fleet.DisposeAsync().ConfigureAwait(false);
    }
}

using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>Where a node sits: its groups and its site (from the inventory).</summary>
public sealed record NodePlacement(IReadOnlyList<string> Groups, string? Site);

/// <summary>How many nodes are in each health.</summary>
public sealed record HealthCounts(int Ok, int Warning, int Critical, int Unknown)
{
    public static HealthCounts Zero { get; } = new(0, 0, 0, 0);

    public int Total => Ok + Warning + Critical + Unknown;

    public HealthCounts Add(string health) => health switch
    {
        HealthNames.Ok => this with { Ok = Ok + 1 },
        HealthNames.Warning => this with { Warning = Warning + 1 },
        HealthNames.Critical => this with { Critical = Critical + 1 },
        _ => this with { Unknown = Unknown + 1 },
    };
}

/// <summary>The fleet's health: all nodes, per group and per site.</summary>
public sealed record FleetHealthSummary(HealthCounts Total, IReadOnlyDictionary<string, HealthCounts> Groups,
    IReadOnlyDictionary<string, HealthCounts> Sites);

/// <summary>Counts ok / warning / critical / unknown per group and per site.</summary>
public static class FleetHealthRollup
{
    /// <summary>The site of nodes without one (and the group of nodes in none).</summary>
    public const string None = "(none)";

    /// <summary>
    /// Rolls up the nodes' health. A node in <paramref name="placement"/> without a health counts as unknown; a node
    /// with a health but no placement counts under <see cref="None"/>.
    /// </summary>
    public static FleetHealthSummary Rollup(IEnumerable<NodeHealth> health, IReadOnlyDictionary<string, NodePlacement> placement)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(placement);
        var byNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in health)
        {
            byNode[h.Node] = h.Health;
        }
        foreach (string node in placement.Keys)
        {
            byNode.TryAdd(node, HealthNames.Unknown);
        }
        var total = HealthCounts.Zero;
        var groups = new SortedDictionary<string, HealthCounts>(StringComparer.Ordinal);
        var sites = new SortedDictionary<string, HealthCounts>(StringComparer.Ordinal);
        foreach (var (node, h) in byNode)
        {
            total = total.Add(h);
            var where = placement.GetValueOrDefault(node);
            var nodeGroups = where?.Groups is { Count: > 0 } g ? g : [None];
            foreach (string group in nodeGroups.Distinct(StringComparer.Ordinal))
            {
                groups[group] = groups.GetValueOrDefault(group, HealthCounts.Zero).Add(h);
            }
            string site = string.IsNullOrEmpty(where?.Site) ? None : where.Site;
            sites[site] = sites.GetValueOrDefault(site, HealthCounts.Zero).Add(h);
        }
        return new FleetHealthSummary(total, groups, sites);
    }
}

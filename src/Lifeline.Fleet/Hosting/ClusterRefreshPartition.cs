using Lifeline.Fleet.Operations;
using Orleans.Runtime;

namespace Lifeline.Fleet.Hosting;

/// <summary>
/// This silo's share of the refresh work: its index among the active silos of the cluster membership, ordered by
/// address. One silo (the embedded default) owns every node; when silos join or die, the shares follow at the next
/// round.
/// </summary>
internal sealed class ClusterRefreshPartition(IClusterMembershipService membership, ILocalSiloDetails local) : IRefreshPartition
{
    public RefreshShare Current()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        int index = active.IndexOf(local.SiloAddress);
        return index < 0 ? new RefreshShare(0, 0) : new RefreshShare(index, active.Count);
    }
}

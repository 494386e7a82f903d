using Lifeline.Fleet.Operations;

namespace Lifeline.Server.Inventory;

/// <summary>After an inventory, group or credential write: drop the cached snapshot and tell the affected nodes' grains.</summary>
internal sealed class InventoryChanges(InventoryCache cache, IFleetOperations fleet)
{
    public async Task AppliedAsync(IEnumerable<string> nodes, CancellationToken cancellationToken)
    {
        cache.Invalidate();
        var list = nodes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            await fleet.InvalidateAsync(list, cancellationToken).ConfigureAwait(false);
        }
    }
}

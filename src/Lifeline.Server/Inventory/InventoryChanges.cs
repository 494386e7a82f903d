using Lifeline.Fleet.Operations;
using Lifeline.Server.Consoles;

namespace Lifeline.Server.Inventory;

/// <summary>
/// After an inventory, group or credential write: drop the cached snapshot, tell the affected nodes' grains, and bring
/// the console hub in line (new consoles connect, removed ones close, changed ones reconnect).
/// </summary>
internal sealed class InventoryChanges(InventoryCache cache, IFleetOperations fleet, ConsoleHubService consoles)
{
    public async Task AppliedAsync(IEnumerable<string> nodes, CancellationToken cancellationToken)
    {
        cache.Invalidate();
        var list = nodes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            await fleet.InvalidateAsync(list, cancellationToken).ConfigureAwait(false);
        }

        await consoles.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}

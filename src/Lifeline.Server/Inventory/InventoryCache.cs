using Lifeline.Fleet.Storage;

namespace Lifeline.Server.Inventory;

/// <summary>
/// The inventory snapshot every request evaluates noderanges against: read from the store once, kept until an
/// inventory write (through the API) calls <see cref="Invalidate"/>. A load that races with an invalidation is used
/// for its own request but not kept.
/// </summary>
internal sealed class InventoryCache(IFleetStore store, INoderangeEngine engine) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile InventoryView? _view;
    private int _version;

    public async Task<InventoryView> GetAsync(CancellationToken cancellationToken)
    {
        if (_view is { } view)
        {
            return view;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_view is { } loaded)
            {
                return loaded;
            }

            int version = Volatile.Read(ref _version);
            var nodes = await store.ListNodesAsync(cancellationToken).ConfigureAwait(false);
            var groups = await store.ListGroupsAsync(cancellationToken).ConfigureAwait(false);
            var fresh = new InventoryView(nodes, groups, engine.CreateUniverse(nodes, groups));
            if (version == Volatile.Read(ref _version))
            {
                _view = fresh;
            }

            return fresh;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _view = null;
    }

    public void Dispose() => _loading.Dispose();
}

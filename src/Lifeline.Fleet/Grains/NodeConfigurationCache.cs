using System.Collections.Concurrent;
using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Storage;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// One per silo: the inventory (all nodes and groups, two queries) and the decrypted credentials (one per credential
/// name), shared by every node grain activated here, so that activating 10,000 grains costs two queries and a handful
/// of decryptions instead of three queries and a decryption per node. Entries live at most <see cref="MaxAge"/>;
/// a grain's <c>InvalidateAsync</c> drops this silo's copy at once (the server invalidates the grains of every node it
/// changes), and a node missing from the copy is looked up in the store directly, so a node added a moment ago is
/// never reported unknown. A stale copy can therefore only be met by a grain activated on another silo within
/// <see cref="MaxAge"/> of a change.
/// </summary>
internal sealed class NodeConfigurationCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly IFleetStore _store;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private Snapshot? _snapshot;

    public NodeConfigurationCache(IFleetStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Forgets everything: the next resolution reads the store again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
        }
    }

    /// <summary>Like <see cref="NodeConfigurationResolver.ResolveAsync"/>, from the shared copy.</summary>
    public async Task<(NodeConfiguration Configuration, Secret? Password)> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var snapshot = Current();
        Inventory inventory;
        try
        {
            inventory = await snapshot.Inventory.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (snapshot.Inventory.IsFaulted)
        {
            Drop(snapshot); // a store failure is retried by the next resolution
            throw;
        }

        if (!inventory.Nodes.TryGetValue(name, out var node))
        {
            return await NodeConfigurationResolver.ResolveAsync(_store, name, cancellationToken).ConfigureAwait(false);
        }

        var credential = NodeConfigurationResolver.EffectiveCredential(node, inventory.Groups);
        var endpoint = NodeConfigurationResolver.SelectEndpoint(node, credential);
        if (endpoint.Error is not null || credential is null)
        {
            return (endpoint, null);
        }

        var stored = await snapshot.Credentials.GetOrAdd(credential, LoadCredentialAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        return stored is { } found
            ? NodeConfigurationResolver.WithCredential(endpoint, found.UserName, new Secret(found.Password))
            : (NodeConfigurationResolver.MissingCredential(endpoint, credential), null);
    }

    private Snapshot Current()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_snapshot is null || now - _snapshot.LoadedAt > MaxAge)
            {
                _snapshot = new Snapshot(now, LoadInventoryAsync());
            }
            return _snapshot;
        }
    }

    private void Drop(Snapshot snapshot)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_snapshot, snapshot))
            {
                _snapshot = null;
            }
        }
    }

    private async Task<Inventory> LoadInventoryAsync()
    {
        // not bound to one caller's token: every grain activating now waits for it
        var nodes = await _store.ListNodesAsync(CancellationToken.None).ConfigureAwait(false);
        var groups = await _store.ListGroupsAsync(CancellationToken.None).ConfigureAwait(false);
        return new Inventory(
            nodes.ToDictionary(n => n.Name, StringComparer.Ordinal),
            groups.ToDictionary(g => g.Name, StringComparer.Ordinal));
    }

    private async Task<(string UserName, byte[] Password)?> LoadCredentialAsync(string name)
    {
        var stored = await _store.GetCredentialAsync(name, CancellationToken.None).ConfigureAwait(false);
        if (stored is not { } found)
        {
            return null;
        }
        using (found.Password)
        {
            return (found.UserName, found.Password.Bytes.ToArray());
        }
    }

    private sealed record Inventory(Dictionary<string, NodeDefinition> Nodes, Dictionary<string, GroupDefinition> Groups);

    private sealed class Snapshot(DateTimeOffset loadedAt, Task<Inventory> inventory)
    {
        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public Task<Inventory> Inventory { get; } = inventory;

        public ConcurrentDictionary<string, Task<(string UserName, byte[] Password)?>> Credentials { get; } = new(StringComparer.Ordinal);
    }
}

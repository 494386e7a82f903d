using System.Collections.Concurrent;
using System.Text;
using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>
/// The store the grains read, in memory (the SQL store is tested on its own): nodes, groups and credentials, with
/// counters of the reads so tests can see what the grains ask for. Users, tokens and audit are not needed here.
/// </summary>
public sealed class InMemoryFleetStore : IFleetStore
{
    private readonly ConcurrentDictionary<string, NodeDefinition> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GroupDefinition> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string User, byte[] Password)> _credentials = new(StringComparer.Ordinal);
    private int _nodeReads;
    private int _credentialReads;

    /// <summary>GetNodeAsync calls so far.</summary>
    public int NodeReads => Volatile.Read(ref _nodeReads);

    /// <summary>GetCredentialAsync calls so far.</summary>
    public int CredentialReads => Volatile.Read(ref _credentialReads);

    public void Put(NodeDefinition node) => _nodes[node.Name] = node;

    public void Put(GroupDefinition group) => _groups[group.Name] = group;

    public void PutCredential(string name, string user, string password) => _credentials[name] = (user, Encoding.UTF8.GetBytes(password));

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<NodeDefinition>> ListNodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NodeDefinition>>(_nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).ToList());

    public Task<NodeDefinition?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _nodeReads);
        return Task.FromResult(_nodes.GetValueOrDefault(name));
    }

    public Task UpsertNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        foreach (var n in nodes)
        {
            Put(n);
        }
        return Task.CompletedTask;
    }

    public Task<int> RemoveNodesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Task.FromResult(names.Count(n => _nodes.TryRemove(n, out _)));

    public Task<IReadOnlyList<GroupDefinition>> ListGroupsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GroupDefinition>>(_groups.Values.ToList());

    public Task<GroupDefinition?> GetGroupAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_groups.GetValueOrDefault(name));

    public Task UpsertGroupAsync(GroupDefinition group, CancellationToken cancellationToken)
    {
        Put(group);
        return Task.CompletedTask;
    }

    public Task<bool> RemoveGroupAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_groups.TryRemove(name, out _));

    public Task<IReadOnlyList<CredentialInfo>> ListCredentialsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CredentialInfo>>(_credentials.Select(c => new CredentialInfo(c.Key, c.Value.User, DateTimeOffset.UnixEpoch)).ToList());

    public Task SetCredentialAsync(string name, string userName, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        _credentials[name] = (userName, password.ToArray());
        return Task.CompletedTask;
    }

    public Task<(string UserName, Secret Password)?> GetCredentialAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _credentialReads);
        return Task.FromResult<(string, Secret)?>(_credentials.TryGetValue(name, out var c) ? (c.User, new Secret(c.Password)) : null);
    }

    public Task<bool> RemoveCredentialAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_credentials.TryRemove(name, out _));

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<UserRecord?> GetUserAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveUserAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TokenRecord?> GetTokenAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? userName, bool includeRevoked, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task TouchTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
}

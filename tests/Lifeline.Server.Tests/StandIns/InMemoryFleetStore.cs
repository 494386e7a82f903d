using System.Text;
using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;

namespace Lifeline.Server.Tests.StandIns;

/// <summary>
/// A stand-in store for tests that must not depend on the SQL store's branch: everything in dictionaries under one
/// lock. Credentials are kept as bytes (no encryption: tests only).
/// </summary>
internal sealed class InMemoryFleetStore : IFleetStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, NodeDefinition> _nodes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, GroupDefinition> _groups = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string User, byte[] Password, DateTimeOffset Updated)> _credentials = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, UserRecord> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _audit = [];

    public int TouchCount { get; private set; }

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<NodeDefinition>> ListNodesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<NodeDefinition>>([.. _nodes.Values]);
        }
    }

    public Task<NodeDefinition?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_nodes.GetValueOrDefault(name));
        }
    }

    public Task UpsertNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var node in nodes)
            {
                _nodes[node.Name] = node;
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> RemoveNodesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(names.Count(n => _nodes.Remove(n)));
        }
    }

    public Task<IReadOnlyList<GroupDefinition>> ListGroupsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<GroupDefinition>>([.. _groups.Values]);
        }
    }

    public Task<GroupDefinition?> GetGroupAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_groups.GetValueOrDefault(name));
        }
    }

    public Task UpsertGroupAsync(GroupDefinition group, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _groups[group.Name] = group;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveGroupAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            bool existed = _groups.Remove(name);
            foreach (var node in _nodes.Values.Where(n => n.Groups.Contains(name)).ToList())
            {
                existed = true;
                _nodes[node.Name] = node with { Groups = [.. node.Groups.Where(g => g != name)] };
            }

            return Task.FromResult(existed);
        }
    }

    public Task<IReadOnlyList<CredentialInfo>> ListCredentialsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CredentialInfo>>([.. _credentials.Select(kv => new CredentialInfo(kv.Key, kv.Value.User, kv.Value.Updated))]);
        }
    }

    public Task SetCredentialAsync(string name, string userName, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _credentials[name] = (userName, password.ToArray(), DateTimeOffset.UtcNow);
        }

        return Task.CompletedTask;
    }

    public Task<(string UserName, Secret Password)?> GetCredentialAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<(string, Secret)?>(_credentials.TryGetValue(name, out var c) ? (c.User, new Secret(c.Password)) : null);
        }
    }

    /// <summary>The stored password of a credential as text (tests check what was stored).</summary>
    public string? CredentialPassword(string name)
    {
        lock (_lock)
        {
            return _credentials.TryGetValue(name, out var c) ? Encoding.UTF8.GetString(c.Password) : null;
        }
    }

    public Task<bool> RemoveCredentialAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_credentials.Remove(name));
        }
    }

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UserRecord>>([.. _users.Values]);
        }
    }

    public Task<UserRecord?> GetUserAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_users.GetValueOrDefault(name));
        }
    }

    public Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _users[user.Name] = user;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveUserAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var token in _tokens.Values.Where(t => t.UserName == name && t.RevokedAt is null).ToList())
            {
                _tokens[token.Id] = token with { RevokedAt = DateTimeOffset.UtcNow };
            }

            return Task.FromResult(_users.Remove(name));
        }
    }

    public Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _tokens.Add(token.Id, token);
        }

        return Task.CompletedTask;
    }

    public Task<TokenRecord?> GetTokenAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? userName, bool includeRevoked, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<TokenRecord>>([.. _tokens.Values
                .Where(t => (userName is null || t.UserName == userName) && (includeRevoked || t.RevokedAt is null))
                .OrderBy(t => t.CreatedAt)]);
        }
    }

    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(id, out var token) || token.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            _tokens[id] = token with { RevokedAt = when };
            return Task.FromResult(true);
        }
    }

    public Task TouchTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            TouchCount++;
            if (_tokens.TryGetValue(id, out var token))
            {
                _tokens[id] = token with { LastUsedAt = when };
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            long id = _audit.Count + 1;
            _audit.Add(entry with { Id = id });
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _audit
                .Where(e => (query.Since is null || e.Time >= query.Since) && (query.Until is null || e.Time < query.Until)
                    && (query.Actor is null || e.Actor == query.Actor)
                    && (query.ActionPrefix is null || e.Action.StartsWith(query.ActionPrefix, StringComparison.Ordinal))
                    && (query.BeforeId is null || e.Id < query.BeforeId))
                .OrderByDescending(e => e.Id)
                .Take(query.Limit)]);
        }
    }
}

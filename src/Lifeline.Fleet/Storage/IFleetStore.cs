using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;

namespace Lifeline.Fleet.Storage;

/// <summary>
/// Everything the service keeps: inventory, credentials (encrypted at rest), users, tokens and the audit log. One
/// implementation per database (SQLite by default, PostgreSQL in production) behind the same SQL. Every write is one
/// transaction and is durable when the task completes. Thread-safe.
/// </summary>
public interface IFleetStore : INodeStore, IGroupStore, ICredentialStore, IUserStore, ITokenStore, IAuditStore
{
    /// <summary>Creates or upgrades the schema to the newest version (idempotent; safe with several servers starting).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}

public interface INodeStore
{
    /// <summary>All nodes, ordered by name (natural order is the noderange code's business).</summary>
    Task<IReadOnlyList<NodeDefinition>> ListNodesAsync(CancellationToken cancellationToken);

    Task<NodeDefinition?> GetNodeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the nodes, all in one transaction.</summary>
    Task UpsertNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken);

    /// <summary>Removes the named nodes in one transaction; returns how many existed.</summary>
    Task<int> RemoveNodesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the nodes, all or none, in one transaction: when any name already exists nothing is written and the
    /// existing names are returned (for a 409); empty on success. The SQL stores check and insert atomically, also
    /// against another server adding the same name; this default implementation (for test doubles) does not.
    /// </summary>
    async Task<IReadOnlyList<string>> AddNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var existing = new List<string>();
        foreach (var node in nodes)
        {
            if (await GetNodeAsync(node.Name, cancellationToken).ConfigureAwait(false) is not null)
            {
                existing.Add(node.Name);
            }
        }

        if (existing.Count == 0)
        {
            await UpsertNodesAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        return existing;
    }

    /// <summary>The names of the nodes that list <paramref name="group"/>, in ordinal order (the SQL stores use an index).</summary>
    async Task<IReadOnlyList<string>> ListGroupMembersAsync(string group, CancellationToken cancellationToken) =>
        [.. (await ListNodesAsync(cancellationToken).ConfigureAwait(false))
            .Where(n => n.Groups.Contains(group, StringComparer.Ordinal))
            .Select(n => n.Name)
            .Order(StringComparer.Ordinal)];
}

public interface IGroupStore
{
    Task<IReadOnlyList<GroupDefinition>> ListGroupsAsync(CancellationToken cancellationToken);

    Task<GroupDefinition?> GetGroupAsync(string name, CancellationToken cancellationToken);

    Task UpsertGroupAsync(GroupDefinition group, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the group's definition and every node's membership of it (members keep their other groups); false when
    /// it was neither defined nor named by any node.
    /// </summary>
    Task<bool> RemoveGroupAsync(string name, CancellationToken cancellationToken);
}

public interface ICredentialStore
{
    Task<IReadOnlyList<CredentialInfo>> ListCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>Encrypts <paramref name="password"/> (AES-GCM, the service key) and stores it under <paramref name="name"/>.</summary>
    Task SetCredentialAsync(string name, string userName, ReadOnlyMemory<byte> password, CancellationToken cancellationToken);

    /// <summary>The decrypted credential for a driver, or null. The caller disposes the secret.</summary>
    Task<(string UserName, Secret Password)?> GetCredentialAsync(string name, CancellationToken cancellationToken);

    Task<bool> RemoveCredentialAsync(string name, CancellationToken cancellationToken);
}

public interface IUserStore
{
    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);

    Task<UserRecord?> GetUserAsync(string name, CancellationToken cancellationToken);

    Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Removes the user and revokes its tokens; false when it did not exist.</summary>
    Task<bool> RemoveUserAsync(string name, CancellationToken cancellationToken);
}

public interface ITokenStore
{
    Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken);

    Task<TokenRecord?> GetTokenAsync(string id, CancellationToken cancellationToken);

    /// <summary>Tokens of one user (or all when null), without revoked ones unless asked.</summary>
    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? userName, bool includeRevoked, CancellationToken cancellationToken);

    Task<bool> RevokeTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken);

    Task TouchTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken);
}

public interface IAuditStore
{
    /// <summary>Appends the entry (durable when this completes) and returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}

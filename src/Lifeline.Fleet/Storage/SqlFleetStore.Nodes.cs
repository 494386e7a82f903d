using System.Data;
using System.Data.Common;
using Dapper;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    private const string NodeColumns =
        "name AS Name, ipmi_url AS IpmiUrl, redfish_url AS RedfishUrl, management AS Management, credential AS Credential, " +
        "console_method AS ConsoleMethod, inband_address AS InbandAddress, site AS Site, rack AS Rack, u AS U, attributes AS Attributes";

    private static readonly StoreColumn[] NodeTableColumns =
    [
        new("name", DbType.String),
        new("ipmi_url", DbType.String),
        new("redfish_url", DbType.String),
        new("management", DbType.String),
        new("credential", DbType.String),
        new("console_method", DbType.String),
        new("inband_address", DbType.String),
        new("site", DbType.String),
        new("rack", DbType.String),
        new("u", DbType.Int32),
        new("attributes", DbType.String),
        new("updated_at", DbType.Int64),
    ];

    private static readonly StoreColumn[] MembershipColumns =
    [
        new("node_name", DbType.String),
        new("position", DbType.Int32),
        new("group_name", DbType.String),
    ];

    private const string NodeUpsertTail =
        "ON CONFLICT (name) DO UPDATE SET ipmi_url = excluded.ipmi_url, redfish_url = excluded.redfish_url, " +
        "management = excluded.management, credential = excluded.credential, console_method = excluded.console_method, " +
        "inband_address = excluded.inband_address, site = excluded.site, rack = excluded.rack, u = excluded.u, " +
        "attributes = excluded.attributes, updated_at = excluded.updated_at";

    public Task<IReadOnlyList<NodeDefinition>> ListNodesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<NodeDefinition>>(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<NodeRow>(Command(
                $"SELECT {NodeColumns} FROM nodes ORDER BY name", null, transaction, cancellationToken)).ConfigureAwait(false);
            var memberships = await connection.QueryAsync<MembershipRow>(Command(
                "SELECT node_name AS NodeName, group_name AS GroupName FROM node_groups ORDER BY node_name, position",
                null, transaction, cancellationToken)).ConfigureAwait(false);
            var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var membership in memberships)
            {
                if (!groups.TryGetValue(membership.NodeName, out var list))
                {
                    groups[membership.NodeName] = list = [];
                }

                list.Add(membership.GroupName);
            }

            return [.. rows.Select(row => row.ToNode(groups.GetValueOrDefault(row.Name) ?? []))];
        }, cancellationToken);

    public Task<NodeDefinition?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return ReadAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<NodeRow>(Command(
                $"SELECT {NodeColumns} FROM nodes WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var groups = await connection.QueryAsync<string>(Command(
                "SELECT group_name FROM node_groups WHERE node_name = @name ORDER BY position", new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            return row.ToNode([.. groups]);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListGroupMembersAsync(string group, CancellationToken cancellationToken)
    {
        RequireName(group, nameof(group));
        return ReadAsync<IReadOnlyList<string>>(async (connection, transaction) =>
            [.. await connection.QueryAsync<string>(Command(
                "SELECT node_name FROM node_groups WHERE group_name = @group ORDER BY node_name",
                new { group }, transaction, cancellationToken)).ConfigureAwait(false)],
            cancellationToken);
    }

    public async Task UpsertNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        var prepared = PrepareNodes(nodes);
        if (prepared.Count == 0)
        {
            return;
        }

        await WriteAsync(async (connection, transaction) =>
        {
            await WriteNodesAsync(connection, transaction, prepared, NodeUpsertTail, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> AddNodesAsync(IReadOnlyList<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        var prepared = PrepareNodes(nodes);
        var duplicates = prepared.Count == nodes.Count
            ? []
            : nodes.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"node '{duplicates[0]}' is given more than once", nameof(nodes));
        }

        if (prepared.Count == 0)
        {
            return [];
        }

        try
        {
            return await WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
            {
                var existing = await ExistingNodesAsync(connection, transaction, prepared, cancellationToken).ConfigureAwait(false);
                if (existing.Count > 0)
                {
                    return existing;
                }

                await WriteNodesAsync(connection, transaction, prepared, "", cancellationToken).ConfigureAwait(false);
                return [];
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Another server added one of these names between our check and our insert: report it like any other.
            var existing = await ReadAsync((connection, transaction) =>
                ExistingNodesAsync(connection, transaction, prepared, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (existing.Count == 0)
            {
                throw;
            }

            return existing;
        }
    }

    public async Task<int> RemoveNodesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }

        // node_groups rows go with their node (ON DELETE CASCADE).
        return await WriteAsync(
            (connection, transaction) => DeleteWhereInAsync(connection, transaction, "nodes", "name", distinct, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validated, normalised, and one per name (the last given wins).</summary>
    private static List<NodeDefinition> PrepareNodes(IReadOnlyList<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var prepared = new List<NodeDefinition>(nodes.Count);
        var problems = new List<string>();
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            NodeDefinition normal;
            try
            {
                normal = InventoryValidator.Normalize(node);
            }
            catch (InventoryValidationException e)
            {
                problems.AddRange(e.Problems);
                continue;
            }

            problems.AddRange(InventoryValidator.Validate(normal));
            if (byName.TryGetValue(normal.Name ?? "", out int index))
            {
                prepared[index] = normal;
            }
            else
            {
                byName[normal.Name ?? ""] = prepared.Count;
                prepared.Add(normal);
            }
        }

        if (problems.Count > 0)
        {
            throw new InventoryValidationException(problems);
        }

        return prepared;
    }

    private async Task WriteNodesAsync(
        DbConnection connection, DbTransaction transaction, List<NodeDefinition> nodes, string tail, CancellationToken cancellationToken)
    {
        long now = Now();
        var rows = nodes.Select(n => new object?[]
        {
            n.Name,
            n.IpmiUrl,
            n.RedfishUrl,
            ManagementText(n.Management),
            n.Credential,
            n.ConsoleMethod,
            n.InbandAddress,
            n.Location.Site,
            n.Location.Rack,
            n.Location.U,
            StoreJson.Attributes(n.Attributes),
            now,
        }).ToList();
        await InsertRowsAsync(connection, transaction, "nodes", NodeTableColumns, tail, rows, cancellationToken).ConfigureAwait(false);
        await DeleteWhereInAsync(connection, transaction, "node_groups", "node_name", [.. nodes.Select(n => n.Name)], cancellationToken).ConfigureAwait(false);
        var memberships = nodes.SelectMany(n => n.Groups.Select((g, i) => new object?[] { n.Name, i, g })).ToList();
        await InsertRowsAsync(connection, transaction, "node_groups", MembershipColumns, "", memberships, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> ExistingNodesAsync(
        DbConnection connection, DbTransaction transaction, List<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        foreach (var chunk in Chunks(nodes))
        {
            existing.AddRange(await connection.QueryAsync<string>(Command(
                $"SELECT name FROM nodes WHERE {InList("name", "@names")} ORDER BY name",
                new { names = chunk.Select(n => n.Name).ToArray() }, transaction, cancellationToken)).ConfigureAwait(false));
        }

        return existing;
    }

    private sealed class MembershipRow
    {
        public string NodeName { get; set; } = "";

        public string GroupName { get; set; } = "";
    }

    private sealed class NodeRow
    {
        public string Name { get; set; } = "";

        public string? IpmiUrl { get; set; }

        public string? RedfishUrl { get; set; }

        public string? Management { get; set; }

        public string? Credential { get; set; }

        public string? ConsoleMethod { get; set; }

        public string? InbandAddress { get; set; }

        public string? Site { get; set; }

        public string? Rack { get; set; }

        public long? U { get; set; }

        public string? Attributes { get; set; }

        public NodeDefinition ToNode(IReadOnlyList<string> groups) => new()
        {
            Name = Name,
            Groups = groups,
            IpmiUrl = IpmiUrl,
            RedfishUrl = RedfishUrl,
            Management = ParseManagement(Management),
            Credential = Credential,
            ConsoleMethod = ConsoleMethod,
            InbandAddress = InbandAddress,
            Location = new Location(Site, Rack, U is { } u ? (int)u : null),
            Attributes = StoreJson.Attributes(Attributes),
        };
    }
}

using Dapper;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    private const string GroupColumns = "name AS Name, description AS Description, credential AS Credential, attributes AS Attributes";

    public Task<IReadOnlyList<GroupDefinition>> ListGroupsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<GroupDefinition>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<GroupRow>(Command(
                $"SELECT {GroupColumns} FROM groups ORDER BY name", null, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToGroup())],
            cancellationToken);

    public Task<GroupDefinition?> GetGroupAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return ReadAsync(async (connection, transaction) =>
            (await connection.QuerySingleOrDefaultAsync<GroupRow>(Command(
                $"SELECT {GroupColumns} FROM groups WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false))
                ?.ToGroup(),
            cancellationToken);
    }

    public async Task UpsertGroupAsync(GroupDefinition group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var normal = InventoryValidator.Normalize(group);
        InventoryValidator.ThrowIfInvalid(normal);
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO groups (name, description, credential, attributes, updated_at) " +
            "VALUES (@name, @description, @credential, @attributes, @now) " +
            "ON CONFLICT (name) DO UPDATE SET description = excluded.description, credential = excluded.credential, " +
            "attributes = excluded.attributes, updated_at = excluded.updated_at",
            new
            {
                name = normal.Name,
                description = normal.Description,
                credential = normal.Credential,
                attributes = StoreJson.Attributes(normal.Attributes),
                now = Now(),
            },
            transaction,
            cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the definition and the membership of every node (a group only nodes named is removed too).</summary>
    public async Task<bool> RemoveGroupAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return await WriteAsync(async (connection, transaction) =>
        {
            int definitions = await connection.ExecuteAsync(Command(
                "DELETE FROM groups WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            int memberships = await connection.ExecuteAsync(Command(
                "DELETE FROM node_groups WHERE group_name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            return definitions + memberships > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class GroupRow
    {
        public string Name { get; set; } = "";

        public string? Description { get; set; }

        public string? Credential { get; set; }

        public string? Attributes { get; set; }

        public GroupDefinition ToGroup() => new()
        {
            Name = Name,
            Description = Description,
            Credential = Credential,
            Attributes = StoreJson.Attributes(Attributes),
        };
    }
}

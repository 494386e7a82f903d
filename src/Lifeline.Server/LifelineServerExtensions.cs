using System.Security.Cryptography;
using System.Text;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis;
using Lifeline.Server.Audit;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Server;

/// <summary>
/// In-process inventory writes for the hosting process (<c>lifeline demo</c> registering its simulated nodes), through
/// the same path as the API: checked, stored, the snapshot dropped, the grains told, audited as actor <c>-</c> from
/// <c>local</c>. Call them after the app has started.
/// </summary>
public static class LifelineServerExtensions
{
    /// <summary>Adds or replaces <paramref name="nodes"/> in one transaction.</summary>
    /// <exception cref="ArgumentException">A node definition is not valid (the message says which and why).</exception>
    public static async Task AddNodesAsync(this WebApplication app, IEnumerable<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var list = nodes.Select(NodeValidation.Normalise).ToList();
        if (list.Select(NodeValidation.Check).FirstOrDefault(e => e is not null) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(nodes));
        }

        var services = app.Services;
        await services.GetRequiredService<IFleetStore>().UpsertNodesAsync(list, cancellationToken).ConfigureAwait(false);
        var names = list.Select(n => n.Name).ToList();
        await services.GetRequiredService<InventoryChanges>().AppliedAsync(names, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<AuditWriter>().WriteAsync("-", "local", "nodes.add",
            services.GetRequiredService<INoderangeEngine>().Fold(names), AuditWriter.Ok, new { nodes = names }).ConfigureAwait(false);
    }

    /// <summary>Adds or replaces the groups (one call each); their members reload their inherited settings.</summary>
    /// <exception cref="ArgumentException">A group definition is not valid.</exception>
    public static async Task AddGroupsAsync(this WebApplication app, IEnumerable<GroupDefinition> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(groups);
        var services = app.Services;
        var store = services.GetRequiredService<IFleetStore>();
        var names = new List<string>();
        foreach (var group in groups)
        {
            await store.UpsertGroupAsync(group, cancellationToken).ConfigureAwait(false);
            names.Add(group.Name);
        }

        var view = await services.GetRequiredService<InventoryCache>().GetAsync(cancellationToken).ConfigureAwait(false);
        var members = view.NodeList.Where(n => n.Groups.Any(names.Contains)).Select(n => n.Name).ToList();
        await services.GetRequiredService<InventoryChanges>().AppliedAsync(members, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<AuditWriter>().WriteAsync("-", "local", "groups.set", string.Join(',', names), AuditWriter.Ok, new { groups = names }).ConfigureAwait(false);
    }

    /// <summary>Stores (encrypted) the BMC credential <paramref name="name"/>; nodes using it reload it.</summary>
    public static async Task SetCredentialAsync(this WebApplication app, string name, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(password);
        if (!Names.IsValid(name))
        {
            throw new ArgumentException($"a credential name is {Names.Rule}", nameof(name));
        }

        var services = app.Services;
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            await services.GetRequiredService<IFleetStore>().SetCredentialAsync(name, userName, bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        var view = await services.GetRequiredService<InventoryCache>().GetAsync(cancellationToken).ConfigureAwait(false);
        var users = view.NodeList.Where(n => view.EffectiveCredential(n) == name).Select(n => n.Name).ToList();
        await services.GetRequiredService<InventoryChanges>().AppliedAsync(users, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<AuditWriter>().WriteAsync("-", "local", "credentials.set", $"credential:{name}", AuditWriter.Ok, new { user = userName }).ConfigureAwait(false);
    }
}

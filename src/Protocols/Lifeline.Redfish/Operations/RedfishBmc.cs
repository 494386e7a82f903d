using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>
/// The capability verbs over Redfish, with the same meaning as over IPMI (power, boot, sensors, health, event log,
/// inventory, firmware, events, virtual media, BIOS, manager reset, accounts). Everything is discovered from the
/// service root; a BMC without a feature answers <see cref="RedfishError.NotSupported"/>. Owns the client when created
/// with <see cref="Connect"/>.
/// </summary>
public sealed partial class RedfishBmc : IAsyncDisposable
{
    private readonly bool _ownsClient;

    public RedfishBmc(RedfishClient client)
        : this(client, ownsClient: false)
    {
    }

    private RedfishBmc(RedfishClient client, bool ownsClient)
    {
        Client = client;
        _ownsClient = ownsClient;
    }

    public static RedfishBmc Connect(RedfishClientOptions options) => new(new RedfishClient(options), ownsClient: true);

    public RedfishClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>All members of the collection <paramref name="link"/> points at (empty when the link is absent).</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(ODataLink? link, CancellationToken ct = default)
        where T : RedfishResource
    {
        var list = new List<T>();
        if (link?.ODataId is not { Length: > 0 } path)
        {
            return list;
        }
        await foreach (var item in Client.GetMembersAsync<T>(path, skipMissing: true, ct).ConfigureAwait(false))
        {
            list.Add(item);
        }
        return list;
    }

    public async Task<IReadOnlyList<ComputerSystem>> ListSystemsAsync(CancellationToken ct = default) =>
        await ListAsync<ComputerSystem>((await Client.GetServiceRootAsync(ct).ConfigureAwait(false)).Systems, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<Chassis>> ListChassisAsync(CancellationToken ct = default) =>
        await ListAsync<Chassis>((await Client.GetServiceRootAsync(ct).ConfigureAwait(false)).Chassis, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<Manager>> ListManagersAsync(CancellationToken ct = default) =>
        await ListAsync<Manager>((await Client.GetServiceRootAsync(ct).ConfigureAwait(false)).Managers, ct).ConfigureAwait(false);

    /// <summary>The system with Id (or last path segment) <paramref name="id"/>, or the first one when null.</summary>
    public async Task<ComputerSystem> GetSystemAsync(string? id = null, CancellationToken ct = default) =>
        Pick(await ListSystemsAsync(ct).ConfigureAwait(false), id, "system");

    public async Task<Manager> GetManagerAsync(string? id = null, CancellationToken ct = default) =>
        Pick(await ListManagersAsync(ct).ConfigureAwait(false), id, "manager");

    private static T Pick<T>(IReadOnlyList<T> items, string? id, string what)
        where T : RedfishResource
    {
        if (items.Count == 0)
        {
            throw new RedfishException(RedfishError.NotSupported, $"the service lists no {what}");
        }
        if (id is null)
        {
            return items[0];
        }
        return items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase)
                || (i.ODataId?.TrimEnd('/').EndsWith("/" + id, StringComparison.OrdinalIgnoreCase) ?? false))
            ?? throw new RedfishException(RedfishError.InvalidRequest,
                $"no {what} '{id}'; there are: {string.Join(", ", items.Select(i => i.Id ?? i.ODataId))}");
    }

    private async Task<T> RequireAsync<T>(ODataLink? link, string what, CancellationToken ct)
        where T : RedfishResource
    {
        if (link?.ODataId is not { Length: > 0 } path)
        {
            throw new RedfishException(RedfishError.NotSupported, $"the service has no {what}");
        }
        return await Client.GetAsync<T>(path, ct).ConfigureAwait(false);
    }
}

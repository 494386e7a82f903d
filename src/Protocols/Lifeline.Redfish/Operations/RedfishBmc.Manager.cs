using System.Text.Json.Nodes;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

// Manager.Reset (Manager.v1_19_0) and AccountService.Accounts (ManagerAccount.v1_12_0).
public sealed partial class RedfishBmc
{
    /// <summary>Resets the BMC: <paramref name="type"/>, or GracefulRestart (ForceRestart when that is all it allows).</summary>
    public async Task<ResetType> ResetManagerAsync(ResetType? type = null, string? managerId = null, CancellationToken ct = default)
    {
        var manager = await GetManagerAsync(managerId, ct).ConfigureAwait(false);
        var action = Actions.RedfishAction.Find(manager, "Manager.Reset")
            ?? throw new RedfishException(RedfishError.NotSupported, $"{manager.ODataId} offers no Manager.Reset");
        var chosen = type ?? ResetType.GracefulRestart;
        if (type is null && await Client.GetAllowableValuesAsync(action, "ResetType", ct).ConfigureAwait(false) is { } allowed
            && !allowed.Contains(nameof(ResetType.GracefulRestart)) && allowed.Contains(nameof(ResetType.ForceRestart)))
        {
            chosen = ResetType.ForceRestart;
        }
        await Client.InvokeActionAsync(manager, "Manager.Reset", new JsonObject { ["ResetType"] = chosen.ToString() }, null, ct).ConfigureAwait(false);
        return chosen;
    }

    public async Task<IReadOnlyList<ManagerAccount>> ListAccountsAsync(CancellationToken ct = default)
    {
        var root = await Client.GetServiceRootAsync(ct).ConfigureAwait(false);
        var accounts = await RequireAsync<AccountService>(root.AccountService, "AccountService", ct).ConfigureAwait(false);
        return await ListAsync<ManagerAccount>(accounts.Accounts, ct).ConfigureAwait(false);
    }
}

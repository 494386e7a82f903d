using System.Text.Json.Nodes;
using Lifeline.Redfish.Actions;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>The power verbs shared with IPMI (ipmitool chassis power on/off/cycle/reset/soft/diag).</summary>
public enum PowerCommand
{
    On,
    Off,
    Cycle,
    Reset,
    Soft,
    Nmi,
}

// ComputerSystem.Reset (ComputerSystem.v1_22_0 action, ResetType from Resource.v1_20_0).
//   on → On (ForceOn if On is not offered)      off → ForceOff      cycle → PowerCycle (else ForceOff then On)
//   reset → ForceRestart                        soft → GracefulShutdown                  nmi → Nmi
public sealed partial class RedfishBmc
{
    public async Task<PowerState> GetPowerStateAsync(string? systemId = null, CancellationToken ct = default)
    {
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        return system.PowerState ?? PowerState.Unknown;
    }

    /// <summary>Runs a power verb; returns the ResetType(s) sent, in order.</summary>
    public async Task<IReadOnlyList<ResetType>> PowerAsync(PowerCommand command, string? systemId = null, CancellationToken ct = default)
    {
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        var action = RedfishAction.Find(system, "ComputerSystem.Reset")
            ?? throw new RedfishException(RedfishError.NotSupported, $"{system.ODataId} offers no ComputerSystem.Reset");
        var allowed = await Client.GetAllowableValuesAsync(action, "ResetType", ct).ConfigureAwait(false);
        bool Allows(ResetType t) => allowed is null || allowed.Contains(t.ToString());
        ResetType[] plan = command switch
        {
            PowerCommand.On => [Allows(ResetType.On) || !Allows(ResetType.ForceOn) ? ResetType.On : ResetType.ForceOn],
            PowerCommand.Off => [ResetType.ForceOff],
            PowerCommand.Cycle when Allows(ResetType.PowerCycle) => [ResetType.PowerCycle],
            PowerCommand.Cycle => [ResetType.ForceOff, Allows(ResetType.On) || !Allows(ResetType.ForceOn) ? ResetType.On : ResetType.ForceOn],
            PowerCommand.Reset => [ResetType.ForceRestart],
            PowerCommand.Soft => [ResetType.GracefulShutdown],
            PowerCommand.Nmi => [ResetType.Nmi],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        foreach (var type in plan)
        {
            await ResetAsync(system, type, ct).ConfigureAwait(false);
        }
        return plan;
    }

    /// <summary>Sends one ComputerSystem.Reset; the ResetType is checked against the allowable values first.</summary>
    public Task<RedfishOutcome> ResetAsync(ComputerSystem system, ResetType type, CancellationToken ct = default) =>
        Client.InvokeActionAsync(system, "ComputerSystem.Reset", new JsonObject { ["ResetType"] = type.ToString() }, null, ct);
}

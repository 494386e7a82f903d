using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Drivers.Ipmi;

// power status|on|off|cycle|reset|soft|diag — IPMI v2.0 §28.2 Get Chassis Status, §28.3 Chassis Control;
// identify — §28.5 Chassis Identify; bmc info|reset — §20.1 Get Device ID, §22.14 Get System GUID, §20.2/§20.3 resets.
public sealed partial class IpmiBmcBackend
{
    public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings settings, PowerAction action, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, action == PowerAction.Status ? PrivilegeLevel.User : PrivilegeLevel.Operator, async session =>
        {
            if (action == PowerAction.Status)
            {
                var status = await session.ExecuteAsync(new GetChassisStatus(), cancellationToken).ConfigureAwait(false);
                return new PowerResult(status.PowerOn ? PowerState.On : PowerState.Off);
            }
            var control = action switch
            {
                PowerAction.On => ChassisControlAction.PowerUp,
                PowerAction.Off => ChassisControlAction.PowerDown,
                PowerAction.Cycle => ChassisControlAction.PowerCycle,
                PowerAction.Reset => ChassisControlAction.HardReset,
                PowerAction.Soft => ChassisControlAction.SoftShutdown,
                PowerAction.Diag => ChassisControlAction.PulseDiagnosticInterrupt,
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
            };
            await session.ExecuteAsync(new ChassisControl(control), cancellationToken).ConfigureAwait(false);
            return new PowerResult(null, action);
        }, cancellationToken);

    public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings settings, IdentifyRequest request, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Operator, async session =>
        {
            var command = request.Mode switch
            {
                IdentifyMode.Force => new ChassisIdentify(null, force: true),
                IdentifyMode.Off => new ChassisIdentify(0),
                IdentifyMode.Seconds => new ChassisIdentify((byte)Math.Clamp(request.Seconds, 0, 255)),
                _ => new ChassisIdentify(),
            };
            await session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            return new ActionResult(request.Mode switch
            {
                IdentifyMode.Force => "identify on (until turned off)",
                IdentifyMode.Off => "identify off",
                IdentifyMode.Seconds => $"identify on for {Math.Clamp(request.Seconds, 0, 255)} s",
                _ => "identify on for the BMC's default interval (15 s)",
            });
        }, cancellationToken);

    public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.User, async session =>
        {
            var id = await session.ExecuteAsync(GetDeviceId.Instance, cancellationToken).ConfigureAwait(false);
            Guid? guid = null;
            try
            {
                var g = await session.ExecuteAsync(GetSystemGuid.Instance, cancellationToken).ConfigureAwait(false);
                guid = g.GuidBytes.Length >= 16 ? new Guid(g.GuidBytes.AsSpan(0, 16)) : null;
            }
            catch (Lifeline.Ipmi.IpmiException e) when (e.Error == Lifeline.Ipmi.IpmiError.CompletionCode)
            {
                // optional command (§22.14): BMCs without a system GUID answer C1h
            }
            return ToBmcInfo(id, guid);
        }, cancellationToken);

    private static BmcInfoResult ToBmcInfo(DeviceIdResponse id, Guid? systemGuid) =>
        new(id.DeviceId, id.DeviceRevision, id.FirmwareRevision, id.IpmiVersion, (int)id.ManufacturerId,
            ManufacturerNames.Find(id.ManufacturerId), id.ProductId, systemGuid);

    public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings settings, BmcResetKind kind, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Administrator, async session =>
        {
            // A BMC that resets may not answer; sending once and accepting silence is what a reset looks like.
            try
            {
                if (kind == BmcResetKind.Cold)
                {
                    await session.ExecuteAsync(ColdReset.Instance, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await session.ExecuteAsync(WarmReset.Instance, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Lifeline.Ipmi.IpmiException e) when (e.Error is Lifeline.Ipmi.IpmiError.Timeout or Lifeline.Ipmi.IpmiError.SessionLost)
            {
                // §20.2: the BMC may reset before it answers.
                return new ActionResult($"{(kind == BmcResetKind.Cold ? "cold" : "warm")} reset sent; no answer (the BMC is probably restarting)");
            }
            return new ActionResult($"{(kind == BmcResetKind.Cold ? "cold" : "warm")} reset accepted; the BMC is unreachable until it has restarted");
        }, cancellationToken);

    public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings settings, RawRequest request, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, settings.Privilege, async session =>
        {
            var response = await session.RawAsync((NetFn)request.NetFn, request.Command, request.Data.ToArray(), cancellationToken).ConfigureAwait(false);
            return new RawResult((byte)response.Code, response.Data.ToArray());
        }, cancellationToken);
}

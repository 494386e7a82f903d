using Lifeline.Redfish.Operations;
using RfBootMode = Lifeline.Redfish.Resources.BootSourceOverrideMode;
using RfBootSource = Lifeline.Redfish.Resources.BootSource;
using RfEnabled = Lifeline.Redfish.Resources.BootSourceOverrideEnabled;
using RfPowerState = Lifeline.Redfish.Resources.PowerState;

namespace Lifeline.Drivers.Redfish;

// power — ComputerSystem.PowerState and the ComputerSystem.Reset action (ResetType checked against the service's
// allowable values by RedfishBmc.PowerAsync); boot — ComputerSystem.Boot.BootSourceOverride* (ComputerSystem.v1_22_0).
public sealed partial class RedfishBmcBackend
{
    public Task<PowerResult> PowerAsync(BmcTarget target, ConnectionSettings connection, PowerAction action, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            if (action == PowerAction.Status)
            {
                return new PowerResult(Map(await bmc.GetPowerStateAsync(ct: cancellationToken).ConfigureAwait(false)));
            }

            var command = action switch
            {
                PowerAction.On => PowerCommand.On,
                PowerAction.Off => PowerCommand.Off,
                PowerAction.Cycle => PowerCommand.Cycle,
                PowerAction.Reset => PowerCommand.Reset,
                PowerAction.Soft => PowerCommand.Soft,
                PowerAction.Diag => PowerCommand.Nmi,
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
            };
            await bmc.PowerAsync(command, ct: cancellationToken).ConfigureAwait(false);
            return new PowerResult(null, action);
        });

    /// <summary>Redfish PowerState → the CLI's on/off; transitions count as where they come from, Unknown/Paused as not read.</summary>
    internal static PowerState? Map(RfPowerState state) => state switch
    {
        RfPowerState.On or RfPowerState.PoweringOff => PowerState.On,
        RfPowerState.Off or RfPowerState.PoweringOn => PowerState.Off,
        _ => null,
    };

    public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc => Map(await bmc.GetBootOverrideAsync(ct: cancellationToken).ConfigureAwait(false)));

    public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings connection, BootRequest request, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var source = Map(request.Device);
            RfBootMode? mode = request.Device == BootDevice.None ? null : request.Efi ? RfBootMode.UEFI : RfBootMode.Legacy;
            await bmc.SetBootOverrideAsync(source, request.Persistent, mode, ct: cancellationToken).ConfigureAwait(false);
            return Map(await bmc.GetBootOverrideAsync(ct: cancellationToken).ConfigureAwait(false));
        });

    /// <summary>The CLI's (IPMI-named) boot devices as Redfish BootSource values.</summary>
    internal static RfBootSource Map(BootDevice device) => device switch
    {
        BootDevice.None => RfBootSource.None,
        BootDevice.Pxe => RfBootSource.Pxe,
        BootDevice.Disk => RfBootSource.Hdd,
        BootDevice.Cdrom => RfBootSource.Cd,
        BootDevice.Bios => RfBootSource.BiosSetup,
        BootDevice.Removable => RfBootSource.Usb,
        BootDevice.Diag => RfBootSource.Diags,
        // Redfish has no "disk in safe mode"; Hdd is the nearest, and the service's allowable values decide the rest.
        BootDevice.Safe => throw new BmcFailureException("not-supported", "Redfish has no safe-mode boot target",
            "use `boot disk` and choose safe mode in the OS loader"),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, null),
    };

    internal static BootResult Map(BootOverride boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var device = boot.Enabled == RfEnabled.Disabled ? BootDevice.None : boot.Target switch
        {
            RfBootSource.Pxe or RfBootSource.UefiHttp => BootDevice.Pxe,
            RfBootSource.Hdd => BootDevice.Disk,
            RfBootSource.Cd => BootDevice.Cdrom,
            RfBootSource.BiosSetup or RfBootSource.UefiShell => BootDevice.Bios,
            RfBootSource.Usb or RfBootSource.Floppy or RfBootSource.SDCard => BootDevice.Removable,
            RfBootSource.Diags or RfBootSource.Utilities => BootDevice.Diag,
            _ => BootDevice.None,
        };
        return new BootResult(device, boot.Enabled == RfEnabled.Continuous, boot.Mode == RfBootMode.UEFI);
    }
}

using Lifeline.Ipmi.Operations;
using IpmiBootDevice = Lifeline.Ipmi.Commands.Chassis.BootDevice;

namespace Lifeline.Drivers.Ipmi;

// boot <device> [--persistent] [--efi], boot status — IPMI v2.0 §28.12/§28.13 System Boot Options, parameter 5.
public sealed partial class IpmiBmcBackend
{
    public Task<BootResult> SetBootAsync(BmcTarget target, ConnectionSettings settings, BootRequest request, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Operator, async session =>
        {
            var flags = await BootOptions.SetBootDeviceAsync(session, ToIpmi(request.Device), request.Persistent, request.Efi, cancellationToken).ConfigureAwait(false);
            return new BootResult(FromIpmi(flags.Device), flags.Persistent, flags.Efi);
        }, cancellationToken);

    public Task<BootResult> GetBootAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Operator, async session =>
        {
            var flags = await BootOptions.GetBootFlagsAsync(session, cancellationToken).ConfigureAwait(false);
            return flags.Valid ? new BootResult(FromIpmi(flags.Device), flags.Persistent, flags.Efi) : new BootResult(BootDevice.None, false, flags.Efi);
        }, cancellationToken);

    private static IpmiBootDevice ToIpmi(BootDevice device) => device switch
    {
        BootDevice.Pxe => IpmiBootDevice.Pxe,
        BootDevice.Disk => IpmiBootDevice.HardDrive,
        BootDevice.Safe => IpmiBootDevice.HardDriveSafeMode,
        BootDevice.Diag => IpmiBootDevice.DiagnosticPartition,
        BootDevice.Cdrom => IpmiBootDevice.CdDvd,
        BootDevice.Bios => IpmiBootDevice.BiosSetup,
        BootDevice.Removable => IpmiBootDevice.Floppy,
        _ => IpmiBootDevice.None,
    };

    private static BootDevice FromIpmi(IpmiBootDevice device) => device switch
    {
        IpmiBootDevice.Pxe => BootDevice.Pxe,
        IpmiBootDevice.HardDrive or IpmiBootDevice.RemoteHardDrive => BootDevice.Disk,
        IpmiBootDevice.HardDriveSafeMode => BootDevice.Safe,
        IpmiBootDevice.DiagnosticPartition => BootDevice.Diag,
        IpmiBootDevice.CdDvd or IpmiBootDevice.RemoteCdDvd => BootDevice.Cdrom,
        IpmiBootDevice.BiosSetup => BootDevice.Bios,
        IpmiBootDevice.Floppy or IpmiBootDevice.RemoteFloppy or IpmiBootDevice.PrimaryRemoteMedia => BootDevice.Removable,
        _ => BootDevice.None,
    };
}

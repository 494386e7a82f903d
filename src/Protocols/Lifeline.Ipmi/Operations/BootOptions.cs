using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

/// <summary>
/// Boot device selection the way <c>ipmitool chassis bootdev</c> does it (IPMI v2.0 §28.12, Table 28-14): mark the
/// parameters "set in progress", acknowledge the boot info for BIOS/POST, write the boot flags with the valid bit,
/// mark "set complete", then read parameter 5 back.
/// </summary>
public static class BootOptions
{
    public static async Task<BootFlags> SetBootDeviceAsync(IIpmiChannel channel, BootDevice device, bool persistent, bool efi, CancellationToken cancellationToken)
    {
        var flags = new BootFlags(Valid: true, Persistent: persistent, Efi: efi, Device: device);
        bool inProgress = await TrySetAsync(channel, SetSystemBootOptions.SetInProgress(BootOptionSetState.SetInProgress), cancellationToken).ConfigureAwait(false);
        try
        {
            await TrySetAsync(channel, SetSystemBootOptions.BootInfoAcknowledge(BootInfoAcknowledgeFlags.BiosPost, BootInfoAcknowledgeFlags.BiosPost), cancellationToken).ConfigureAwait(false);
            await channel.ExecuteAsync(SetSystemBootOptions.Flags(flags), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (inProgress)
        {
            // leave the parameters unlocked for the next client; the original failure is what the caller needs to see
            try
            {
                await TrySetAsync(channel, SetSystemBootOptions.SetInProgress(BootOptionSetState.SetComplete), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IpmiException)
            {
            }
            throw;
        }
        if (inProgress)
        {
            await TrySetAsync(channel, SetSystemBootOptions.SetInProgress(BootOptionSetState.SetComplete), cancellationToken).ConfigureAwait(false);
        }
        return await GetBootFlagsAsync(channel, cancellationToken).ConfigureAwait(false);
    }

    // BMC quirk (OpenIPMI ipmi_sim 2.0.33): Get System Boot Options parameter 5 reads back data 1 as 00h after a set —
    // valid, persistent and EFI bits are not stored, the device selector is → compare the device, not data 1.
    public static async Task<BootFlags> GetBootFlagsAsync(IIpmiChannel channel, CancellationToken cancellationToken)
    {
        var response = await channel.ExecuteAsync(new GetSystemBootOptions(BootOptionParameter.BootFlags), cancellationToken).ConfigureAwait(false);
        return response.ToBootFlags();
    }

    /// <summary>
    /// Sends an optional step. Parameters 0 and 4 are optional for a BMC: "parameter not supported" (80h), "set in
    /// progress already" (81h, a client that died mid-set: go on and clear it at the end) and, from ipmi_sim,
    /// "invalid data field" (CCh) are tolerated, as ipmitool does. Returns whether the BMC accepted the step.
    /// </summary>
    private static async Task<bool> TrySetAsync(IIpmiChannel channel, SetSystemBootOptions command, CancellationToken cancellationToken)
    {
        var (code, _) = await channel.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return code switch
        {
            CompletionCode.Success => true,
            (CompletionCode)SetSystemBootOptions.ParameterNotSupported
                or (CompletionCode)SetSystemBootOptions.SetInProgressConflict
                or CompletionCode.InvalidDataField => false,
            _ => throw CommandExchange.Failure(command, code),
        };
    }
}

namespace Lifeline.Drivers;

/// <summary>Boot device selector (IPMI v2.0 §28.12 Table 28-14, boot flags data 2 bits [5:2]).</summary>
public enum BootDevice
{
    /// <summary>No override (0000b): boot as the BIOS is set up.</summary>
    None,
    /// <summary>Force PXE (0001b).</summary>
    Pxe,
    /// <summary>Force boot from default hard drive (0010b).</summary>
    Disk,
    /// <summary>Force boot from default hard drive, request Safe Mode (0011b).</summary>
    Safe,
    /// <summary>Force boot from default diagnostic partition (0100b).</summary>
    Diag,
    /// <summary>Force boot from default CD/DVD (0101b).</summary>
    Cdrom,
    /// <summary>Force boot into BIOS setup (0110b).</summary>
    Bios,
    /// <summary>Force boot from primary removable media (1111b).</summary>
    Removable,
}

/// <summary>What <c>boot &lt;device&gt;</c> asks for.</summary>
/// <param name="Device">The device to boot from.</param>
/// <param name="Persistent">Apply to all future boots (boot flags data 1 bit 6) instead of the next one only.</param>
/// <param name="Efi">Request an EFI boot (data 1 bit 5) instead of legacy BIOS.</param>
public sealed record BootRequest(BootDevice Device, bool Persistent, bool Efi);

/// <summary>The boot override in effect (for <c>boot status</c>) or just set.</summary>
public sealed record BootResult(BootDevice Device, bool Persistent, bool Efi);

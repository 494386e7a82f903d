using System.Net;
using System.Net.NetworkInformation;

namespace Lifeline.Simulator.Model;

/// <summary>IPMI v2.0 §23.1 LAN configuration parameter 4, IP address source.</summary>
public enum IpAddressSource : byte
{
    Unspecified = 0,
    Static = 1,
    Dhcp = 2,
    Bios = 3,
    Other = 4,
}

/// <summary>
/// The BMC's LAN channel configuration (§23.1 parameters 3-6, 12, 20). <see cref="Address"/> is the address the
/// IPMI face binds. A VLAN id of 0 means no VLAN.
/// </summary>
public sealed record LanConfiguration(
    IPAddress Address,
    IpAddressSource Source,
    IPAddress SubnetMask,
    PhysicalAddress MacAddress,
    IPAddress DefaultGateway,
    ushort VlanId)
{
    public bool VlanEnabled => VlanId != 0;

    /// <summary>Locally administered, unicast (02h in the first octet), then "LL" and the node index.</summary>
    public static PhysicalAddress MacFor(int index) => new(
    [
        0x02, 0x4C, 0x4C, (byte)(index >> 16), (byte)(index >> 8), (byte)index,
    ]);

    /// <summary>The host NIC's MAC: same scheme, 0x4E ("N") in the second octet.</summary>
    public static PhysicalAddress HostMacFor(int index) => new(
    [
        0x02, 0x4E, 0x4C, (byte)(index >> 16), (byte)(index >> 8), (byte)index,
    ]);

    /// <summary><paramref name="first"/> plus <paramref name="offset"/>, as IPv4 arithmetic.</summary>
    public static IPAddress AddIPv4(IPAddress first, int offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (first.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !first.TryWriteBytes(bytes, out _))
        {
            throw new ArgumentException("An IPv4 address is required.", nameof(first));
        }
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}

using System.Net;

namespace Lifeline.Simulator.Fleet;

/// <summary>
/// Where simulated BMCs listen. Default: each on its own loopback address 127.0.1.1, 127.0.1.2, … (every 127.x.y.z
/// works on Linux without setup), UDP 623 (or <see cref="PortBase"/>); <see cref="Subnet"/> moves the first address
/// to 127.0.<see cref="Subnet"/>.1 so several fleets can share a host. With <see cref="Address"/>: all on that
/// address, consecutive ports from <see cref="PortBase"/> (for non-root users).
/// </summary>
public sealed record SimulatorPlacement(IPAddress? Address = null, int PortBase = 623, byte Subnet = 1)
{
    /// <summary>Explicit endpoints, one per node in order (overrides the address rules when set).</summary>
    public IReadOnlyList<IPEndPoint>? EndPoints { get; init; }

    /// <summary>Addresses per third octet: .1 … .254.</summary>
    private const int PerOctet = 254;
    public const int MaxNodesPerLoopback = PerOctet * 254;

    public IPEndPoint EndPointOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (EndPoints is { } list)
        {
            return index < list.Count ? list[index] : throw new ArgumentOutOfRangeException(nameof(index), $"only {list.Count} endpoints for node {index + 1}");
        }
        if (Address is not null)
        {
            int port = PortBase + index;
            if (port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"port base {PortBase} + {index} nodes passes 65535; lower --port-base or --nodes");
            }
            return new IPEndPoint(Address, port);
        }
        int first = Math.Max((int)Subnet, 1);
        if (index >= (255 - first) * PerOctet)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"at most {(255 - first) * PerOctet} nodes fit on 127.0.[{first}-254].[1-254]");
        }
        // 127.0.1.1 … 127.0.1.254, 127.0.2.1 …
        return new IPEndPoint(new IPAddress(new byte[] { 127, 0, (byte)(first + index / PerOctet), (byte)(1 + index % PerOctet) }), PortBase);
    }
}

using System.Collections.Immutable;

namespace Lifeline.Simulator.Model;

/// <summary>
/// Network- and session-level behaviour of a BMC that the faces read: which cipher suites it offers, how many
/// sessions it allows, whether it drops, delays or ignores packets. Immutable; change a node's settings with
/// <c>model.Faults = model.Faults with { … }</c>.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>IPMI v2.0 Table 22-20 cipher suites 1, 2, 3 and 17 (none, SHA1, SHA1+AES, SHA256+AES).</summary>
    public static ImmutableArray<byte> StandardCipherSuites { get; } = [1, 2, 3, 17];

    public static FaultSettings Default { get; } = new();

    /// <summary>Cipher suites the RMCP+ face accepts. Suite 0 (no authentication) is a security-scan finding:
    /// <see cref="WithCipherSuiteZero"/> adds it for the nodes that should have it.</summary>
    public ImmutableArray<byte> CipherSuites { get; init; } = StandardCipherSuites;

    /// <summary>Most concurrent sessions the BMC allows.</summary>
    public int SessionLimit { get; init; } = 4;

    /// <summary>Percentage (0-100) of incoming packets dropped without an answer.</summary>
    public double PacketLossPercent { get; init; }

    /// <summary>Added before each answer.</summary>
    public TimeSpan AddedLatency { get; init; }

    /// <summary>The BMC stops answering at all (a hung BMC), until cleared.</summary>
    public bool Hung { get; init; }

    /// <summary>Added to each SDR repository read (slow SDR).</summary>
    public TimeSpan SdrDelay { get; init; }

    public FaultSettings WithCipherSuiteZero() =>
        CipherSuites.Contains((byte)0) ? this : this with { CipherSuites = CipherSuites.Insert(0, 0) };

    public bool AcceptsCipherSuite(byte suite) => CipherSuites.Contains(suite);
}

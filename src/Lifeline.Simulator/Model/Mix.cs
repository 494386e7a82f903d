namespace Lifeline.Simulator.Model;

/// <summary>
/// Stateless hashing used where a value must be a pure function of (seed, node, sensor, time slot): sensor noise,
/// per-node offsets, serial numbers. Sequential draws (ECC arrivals) use a per-node seeded <see cref="Random"/>.
/// </summary>
internal static class Mix
{
    // SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective avalanche on 64 bits.
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(ulong a, ulong b) => SplitMix64(a ^ SplitMix64(b + 0x632BE59BD9B4E019UL));

    public static ulong Hash(ulong a, ulong b, ulong c) => Hash(Hash(a, b), c);

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-1, 1).</summary>
    public static double Signed(ulong h) => Unit(h) * 2.0 - 1.0;
}

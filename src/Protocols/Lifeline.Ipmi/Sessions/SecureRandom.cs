using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Lifeline.Ipmi.Sessions;

/// <summary>
/// Cryptographically secure random bytes for RAKP randoms, session ids and AES IVs, drawn from the OS CSPRNG in
/// 4 KiB blocks per thread: a fan-out opens thousands of sessions and encrypts every packet, and one system call per
/// 16-byte IV was a measurable share of the client's CPU.
/// </summary>
public static class SecureRandom
{
    private const int BlockSize = 4096;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        var block = t_block ??= new byte[BlockSize];
        if (t_used == 0 || t_used + destination.Length > BlockSize)
        {
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }
        block.AsSpan(t_used, destination.Length).CopyTo(destination);
        // never hand out the same bytes twice
        CryptographicOperations.ZeroMemory(block.AsSpan(t_used, destination.Length));
        t_used += destination.Length;
    }

    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    /// <summary>A non-zero 32-bit value (session ids must not be 0).</summary>
    public static uint NonZeroUInt32()
    {
        Span<byte> b = stackalloc byte[4];
        uint v;
        do
        {
            Fill(b);
            v = BinaryPrimitives.ReadUInt32LittleEndian(b);
        }
        while (v == 0);
        return v;
    }
}

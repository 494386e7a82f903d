namespace Lifeline.Ipmi.Tests.Vectors;

/// <summary>
/// Seeded mutations of real captures for the decoder fuzz tests: bit flips, random bytes, truncation, extension,
/// and corruption of the length/offset bytes a decoder trusts most.
/// </summary>
internal sealed class Mutator
{
    private readonly Random _random;

    public Mutator(int seed)
    {
        _random = new Random(seed);
    }

    public int Next(int max) => _random.Next(max);

    /// <summary>A mutated copy of <paramref name="seed"/>; <paramref name="lengthBytes"/> are offsets worth corrupting.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> seed, ReadOnlySpan<int> lengthBytes)
    {
        var data = new List<byte>(seed.ToArray());
        int rounds = 1 + _random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            switch (_random.Next(8))
            {
                case 0 when data.Count > 0: // flip a bit
                    int at = _random.Next(data.Count);
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0: // random byte
                    data[_random.Next(data.Count)] = (byte)_random.Next(256);
                    break;
                case 2 when data.Count > 0: // truncate
                    int keep = _random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 3: // extend with random bytes
                    int extra = _random.Next(1, 64);
                    for (int k = 0; k < extra; k++)
                    {
                        data.Add((byte)_random.Next(256));
                    }
                    break;
                case 4 when lengthBytes.Length > 0: // corrupt a length/offset byte
                    int index = lengthBytes[_random.Next(lengthBytes.Length)];
                    if (index < data.Count)
                    {
                        data[index] = _random.Next(3) switch
                        {
                            0 => 0x00,
                            1 => 0xFF,
                            _ => (byte)(data[index] + _random.Next(-3, 4)),
                        };
                    }
                    break;
                case 5 when data.Count > 1: // cut a slice out of the middle
                    int from = _random.Next(data.Count);
                    data.RemoveRange(from, Math.Min(data.Count - from, 1 + _random.Next(8)));
                    break;
                case 6: // all-random input
                    if (_random.Next(16) == 0)
                    {
                        var noise = new byte[_random.Next(0, 96)];
                        _random.NextBytes(noise);
                        return noise;
                    }
                    break;
                default: // set a byte to a boundary value
                    if (data.Count > 0)
                    {
                        data[_random.Next(data.Count)] = (byte)(_random.Next(2) == 0 ? 0x00 : 0xFF);
                    }
                    break;
            }
        }
        return [.. data];
    }
}

namespace Lifeline.Ipmi.Sessions;

/// <summary>
/// The receive window for session sequence numbers (IPMI v2.0 §6.12.13): each number is accepted once, within 64 behind
/// the highest seen; replays and numbers too far behind are rejected. Not thread-safe: the owner serialises access.
/// </summary>
public struct SequenceWindow
{
    private const int Size = 64;
    private uint _highest;
    private ulong _seen;

    public bool Accept(uint sequence)
    {
        if (sequence > _highest)
        {
            int shift = (int)Math.Min(Size, sequence - _highest);
            _seen = shift >= Size ? 1UL : (_seen << shift) | 1UL;
            _highest = sequence;
            return true;
        }
        uint behind = _highest - sequence;
        if (behind >= Size)
        {
            return false;
        }
        ulong bit = 1UL << (int)behind;
        if ((_seen & bit) != 0)
        {
            return false;
        }
        _seen |= bit;
        return true;
    }

    public void Reset() => this = default;
}

namespace Lifeline.Simulator.Ipmi;

/// <summary>What the network does to one simulated BMC's datagrams.</summary>
public interface INetworkConditions
{
    /// <summary>A hung (or rebooting) BMC receives but never answers.</summary>
    bool Hung { get; }

    /// <summary>Added delay before every answer.</summary>
    TimeSpan Latency { get; }

    /// <summary>Decides whether the next incoming datagram is lost.</summary>
    bool DropIncoming();
}

/// <summary>Network-level fault injection for one simulated BMC: loss, latency, hang. Deterministic with a seed.</summary>
public sealed class NetworkConditions : INetworkConditions
{
    private readonly Random _random;
    private readonly Lock _lock = new();
    private volatile bool _hung;
    private double _lossPercent;
    private TimeSpan _latency;

    public NetworkConditions(int seed = 0)
    {
        _random = new Random(seed);
    }

    /// <summary>Percentage (0–100) of datagrams to the BMC that are silently dropped.</summary>
    public double LossPercent
    {
        get => Volatile.Read(ref _lossPercent);
        set => Volatile.Write(ref _lossPercent, Math.Clamp(value, 0, 100));
    }

    /// <summary>Added delay before every answer.</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (_lock)
            {
                return _latency;
            }
        }
        set
        {
            lock (_lock)
            {
                _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value;
            }
        }
    }

    /// <summary>A hung BMC receives but never answers.</summary>
    public bool Hung
    {
        get => _hung;
        set => _hung = value;
    }

    /// <summary>Decides (seeded) whether the next incoming datagram is lost.</summary>
    public bool DropIncoming()
    {
        double loss = LossPercent;
        if (loss <= 0)
        {
            return false;
        }
        lock (_lock)
        {
            return _random.NextDouble() * 100 < loss;
        }
    }
}

using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Model;
using IpmiPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Simulator.Fleet;

/// <summary>The model's users as the session engine sees them (RAKP 1 lookup by name).</summary>
internal sealed class ModelAccountDirectory(BmcModel model) : IAccountDirectory
{
    public BmcAccount? FindByName(string name)
    {
        var user = model.FindUser(name);
        return user is null ? null : new BmcAccount(user.Id, user.Name, user.Password.ToArray(), (IpmiPrivilege)(byte)user.Privilege, user.Enabled);
    }
}

/// <summary>
/// The model's fault settings applied at the network edge: hang, BMC reboot (unavailable, then every session
/// forgotten), packet loss (seeded), added latency, and changes of accepted cipher suites or session limit.
/// </summary>
internal sealed class ModelNetworkConditions : INetworkConditions
{
    private readonly BmcModel _model;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private RmcpPlusResponder? _responder;
    private int _epoch;
    private FaultSettings _applied;

    public ModelNetworkConditions(BmcModel model)
    {
        _model = model;
        _random = new Random(HashCode.Combine(model.Seed, model.Index, 0x10552));
        _epoch = model.BmcEpoch;
        _applied = model.Faults;
    }

    public void Attach(RmcpPlusResponder responder) => _responder = responder;

    public bool Hung
    {
        get
        {
            Refresh();
            return _model.Faults.Hung || !_model.IsBmcAvailable;
        }
    }

    public TimeSpan Latency => _model.Faults.AddedLatency;

    public bool DropIncoming()
    {
        double loss = _model.Faults.PacketLossPercent;
        if (loss <= 0)
        {
            return false;
        }
        lock (_lock)
        {
            return _random.NextDouble() * 100 < loss;
        }
    }

    private void Refresh()
    {
        var responder = _responder;
        if (responder is null)
        {
            return;
        }
        int epoch = _model.BmcEpoch;
        if (epoch != Volatile.Read(ref _epoch))
        {
            Volatile.Write(ref _epoch, epoch);
            responder.DropAllSessions();
        }
        var faults = _model.Faults;
        if (!ReferenceEquals(faults, Volatile.Read(ref _applied)))
        {
            Volatile.Write(ref _applied, faults);
            responder.Settings = responder.Settings with
            {
                AcceptedSuites = faults.CipherSuites.ToHashSet(),
                SessionLimit = faults.SessionLimit,
            };
        }
    }
}

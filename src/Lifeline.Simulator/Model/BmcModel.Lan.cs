namespace Lifeline.Simulator.Model;

public sealed partial class BmcModel
{
    private LanConfiguration? _lan;

    /// <summary>LAN channel configuration; <see cref="LanConfiguration.Address"/> is where the faces listen.
    /// Set it with <c>model.Lan = model.Lan with { … }</c> (Set LAN Configuration Parameters).</summary>
    public LanConfiguration Lan
    {
        get
        {
            lock (_lock)
            {
                return LanUnlocked();
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _lan = value;
            }
        }
    }

    private LanConfiguration LanUnlocked()
    {
        if (_lan is null)
        {
            var o = _shared.Options;
            _lan = new LanConfiguration(
                o.Address ?? LanConfiguration.AddIPv4(o.FirstAddress, Index),
                IpAddressSource.Static,
                o.SubnetMask,
                LanConfiguration.MacFor(Index),
                o.DefaultGateway,
                o.VlanId);
        }
        return _lan;
    }
}

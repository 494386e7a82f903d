namespace Lifeline.Simulator.Model;

// Faults of the BMC itself. The faces enforce them (drop packets, refuse cipher suites, go quiet); the model
// holds them and does what a BMC reboot does to its own state.
public sealed partial class BmcModel
{
    private FaultSettings _faults;
    private int _bmcEpoch;
    private DateTimeOffset _bmcAvailableAt = DateTimeOffset.MinValue;

    /// <summary>Cipher suites, session limit, packet loss, latency, hang, slow SDR: read by the faces.</summary>
    public FaultSettings Faults
    {
        get
        {
            lock (_lock)
            {
                return _faults;
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _faults = value;
            }
        }
    }

    /// <summary>Bumped by every BMC reboot: a face drops every session opened under an older epoch.</summary>
    public int BmcEpoch
    {
        get
        {
            lock (_lock)
            {
                return _bmcEpoch;
            }
        }
    }

    /// <summary>False while the BMC is rebooting (it answers nothing) or hung.</summary>
    public bool IsBmcAvailable
    {
        get
        {
            lock (_lock)
            {
                return Sync() >= _bmcAvailableAt && !_faults.Hung;
            }
        }
    }

    /// <summary>When a rebooting BMC answers again.</summary>
    public DateTimeOffset BmcAvailableAt
    {
        get
        {
            lock (_lock)
            {
                return _bmcAvailableAt;
            }
        }
    }

    /// <summary>
    /// The BMC reboots (cold reset, watchdog, firmware crash): sessions end (epoch bump), it is unreachable for
    /// <see cref="PowerTimings.BmcRebootDuration"/>, volatile boot-option state resets and the identify LED goes
    /// off. The host keeps running; SEL, users and LAN settings persist.
    /// </summary>
    public void RebootBmc()
    {
        lock (_lock)
        {
            RebootBmcAt(Sync());
        }
    }

    private void RebootBmcAt(DateTimeOffset now)
    {
        _bmcEpoch++;
        _bmcAvailableAt = now + _shared.Options.Timings.BmcRebootDuration;
        _bootInfoAcknowledge = BootInfoAcknowledge.None;
        _bootSetState = BootOptionsSetState.SetComplete;
        _identifyForced = false;
        _identifyUntil = DateTimeOffset.MinValue;
    }
}

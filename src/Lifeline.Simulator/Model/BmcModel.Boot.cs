namespace Lifeline.Simulator.Model;

// IPMI v2.0 §28.12-28.13 system boot options. The simulated BIOS reads the boot flags at every POST (power-up
// or reset): a valid once-only flag is used and then cleared, a persistent one is used and kept.
public sealed partial class BmcModel
{
    private BootFlags _bootFlags = BootFlags.Empty;
    private DateTimeOffset _bootFlagsSetAt;
    private bool _bootFlagsTimerRunning;
    private BootOptionsSetState _bootSetState;
    private BootFlagValidBitClearing _validBitClearing;
    private BootInfoAcknowledge _bootInfoAcknowledge;
    private BootDevice _lastBootDevice;
    private bool _lastBootEfi = true;
    private byte _osBootOffset;

    /// <summary>Parameter 5. Reading it applies the 60-second valid timer of a once-only flag.</summary>
    public BootFlags BootFlags
    {
        get
        {
            lock (_lock)
            {
                return BootFlagsAt(Sync());
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                var now = Sync();
                _bootFlags = value;
                _bootFlagsSetAt = now;
                _bootFlagsTimerRunning = value.Valid && !value.Persistent;
            }
        }
    }

    /// <summary>Parameter 0: set-in-progress.</summary>
    public BootOptionsSetState BootOptionsSetState
    {
        get
        {
            lock (_lock)
            {
                return _bootSetState;
            }
        }
    }

    /// <summary>Sets parameter 0. Returns false for "set in progress" while a set is already in progress
    /// (the face answers 81h); commit write completes at once.</summary>
    public bool TrySetBootOptionsSetState(BootOptionsSetState state)
    {
        lock (_lock)
        {
            Sync();
            if (state == BootOptionsSetState.SetInProgress && _bootSetState == BootOptionsSetState.SetInProgress)
            {
                return false;
            }
            _bootSetState = state == BootOptionsSetState.CommitWrite ? BootOptionsSetState.SetComplete : state;
            return true;
        }
    }

    /// <summary>Parameter 3: events that do not clear the valid bit.</summary>
    public BootFlagValidBitClearing BootFlagValidBitClearing
    {
        get
        {
            lock (_lock)
            {
                return _validBitClearing;
            }
        }
        set
        {
            lock (_lock)
            {
                Sync();
                _validBitClearing = value;
            }
        }
    }

    /// <summary>Parameter 4 data: who has handled the boot info.</summary>
    public BootInfoAcknowledge BootInfoAcknowledge
    {
        get
        {
            lock (_lock)
            {
                return _bootInfoAcknowledge;
            }
        }
    }

    /// <summary>Parameter 4 write: bits in <paramref name="mask"/> take their value from <paramref name="data"/>.</summary>
    public void SetBootInfoAcknowledge(BootInfoAcknowledge mask, BootInfoAcknowledge data)
    {
        lock (_lock)
        {
            Sync();
            _bootInfoAcknowledge = (_bootInfoAcknowledge & ~mask) | (data & mask);
        }
    }

    /// <summary>The boot device the firmware used at the last POST (None = its default order: disk).</summary>
    public BootDevice LastBootDevice
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _lastBootDevice;
            }
        }
    }

    /// <summary>Whether the last POST booted in EFI mode.</summary>
    public bool LastBootWasEfi
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _lastBootEfi;
            }
        }
    }

    /// <summary>§28.12: a chassis control command within the 60 s keeps a once-only flag valid until POST.</summary>
    private void StopBootFlagsTimer(DateTimeOffset now)
    {
        BootFlagsAt(now);
        _bootFlagsTimerRunning = false;
    }

    private BootFlags BootFlagsAt(DateTimeOffset now)
    {
        if (_bootFlagsTimerRunning
            && (_validBitClearing & BootFlagValidBitClearing.DontClearOnTimeout) == 0
            && now - _bootFlagsSetAt >= _shared.Options.Timings.BootFlagsValidTimeout)
        {
            _bootFlags = _bootFlags with { Valid = false };
            _bootFlagsTimerRunning = false;
        }
        return _bootFlags;
    }

    /// <summary>What POST boots from; a valid once-only flag is cleared, a persistent one kept.</summary>
    private (BootDevice Device, bool Efi) ConsumeBootFlags(DateTimeOffset t)
    {
        var flags = BootFlagsAt(t);
        if (!flags.Valid)
        {
            _lastBootDevice = BootDevice.None;
            _lastBootEfi = true;
            return (BootDevice.None, true);
        }
        _bootInfoAcknowledge |= BootInfoAcknowledge.BiosPost;
        if (!flags.Persistent)
        {
            _bootFlags = flags with { Valid = false };
            _bootFlagsTimerRunning = false;
        }
        _lastBootDevice = flags.Device;
        _lastBootEfi = flags.Efi;
        return (flags.Device, flags.Efi);
    }
}

namespace Lifeline.Simulator.Model;

public sealed partial class BmcModel
{
    private PowerRestorePolicy _restorePolicy;
    private DateTimeOffset _identifyUntil = DateTimeOffset.MinValue;
    private bool _identifyForced;
    private FrontPanelState _frontPanel;

    /// <summary>§28.8 Set Power Restore Policy: what happens to main power when AC returns.</summary>
    public PowerRestorePolicy PowerRestorePolicy
    {
        get
        {
            lock (_lock)
            {
                return _restorePolicy;
            }
        }
        set
        {
            lock (_lock)
            {
                Sync();
                _restorePolicy = value;
            }
        }
    }

    public ChassisIdentifyState IdentifyState
    {
        get
        {
            lock (_lock)
            {
                return IdentifyStateAt(Sync());
            }
        }
    }

    /// <summary>§28.6 Set Front Panel Enables.</summary>
    public FrontPanelState FrontPanel
    {
        get
        {
            lock (_lock)
            {
                return _frontPanel;
            }
        }
        set
        {
            lock (_lock)
            {
                Sync();
                _frontPanel = value;
            }
        }
    }

    /// <summary>§28.2 Get Chassis Status.</summary>
    public ChassisStatus GetChassisStatus()
    {
        lock (_lock)
        {
            var now = Sync();
            return new ChassisStatus(
                PowerOn: _power.IsMainPowerOn(),
                PowerOverload: false,
                PowerInterlock: false,
                PowerFault: _powerFault,
                PowerControlFault: _powerControlFault,
                RestorePolicy: _restorePolicy,
                LastPowerEvent: _lastPowerEvent,
                ChassisIntrusion: false,
                FrontPanelLockout: false,
                DriveFault: false,
                CoolingFault: AnyFanFailed(),
                Identify: IdentifyStateAt(now),
                FrontPanel: _frontPanel);
        }
    }

    /// <summary>
    /// §28.5 Chassis Identify: light the identify LED for <paramref name="interval"/> (default 15 s; zero turns it
    /// off), or indefinitely with <paramref name="force"/>. The LED goes off by itself when the interval ends.
    /// </summary>
    public void ChassisIdentify(TimeSpan? interval = null, bool force = false)
    {
        lock (_lock)
        {
            var now = Sync();
            _identifyForced = force;
            var length = interval ?? _shared.Options.Timings.DefaultIdentifyInterval;
            _identifyUntil = force || length <= TimeSpan.Zero ? DateTimeOffset.MinValue : now + length;
        }
    }

    /// <summary>A short press of the power button: powers on when off, asks the OS to shut down when on.
    /// Returns false when the button is disabled.</summary>
    public bool PressPowerButton()
    {
        lock (_lock)
        {
            var now = Sync();
            if (_frontPanel.PowerButtonDisabled)
            {
                return false;
            }
            if (_power == PowerState.Off)
            {
                SchedulePowerOn(now + _shared.Options.Timings.PowerOnDelay, SystemRestartCause.PowerButton,
                    LastPowerEvent.None);
            }
            else if (_power == PowerState.On)
            {
                RequestOsShutdown(now);
            }
            return true;
        }
    }

    /// <summary>The reset button: reboots the host if main power is on. Returns false when disabled or off.</summary>
    public bool PressResetButton()
    {
        lock (_lock)
        {
            var now = Sync();
            if (_frontPanel.ResetButtonDisabled || !_power.IsMainPowerOn())
            {
                return false;
            }
            _power = PowerState.On;
            _powerDeadline = DateTimeOffset.MaxValue;
            Restart(now, SystemRestartCause.ResetButton, SystemBootOffset.HardReset);
            return true;
        }
    }

    /// <summary>
    /// AC power is lost and comes straight back: main power drops (Power Unit "AC lost" in the SEL, last power
    /// event "AC failed"), the BMC reboots, and once it is back the restore policy decides whether the host
    /// powers on (restart cause "power-restore always-on" or "restore previous").
    /// </summary>
    public void AcPowerCycle()
    {
        lock (_lock)
        {
            var now = Sync();
            bool wasOn = _power is not PowerState.Off;
            if (_power.IsMainPowerOn())
            {
                MainPowerOff(now, PowerUnitOffset.AcLost);
            }
            else
            {
                LogSensorEvent(now, SensorNumbers.PowerUnit, PowerUnitOffset.AcLost, EventDirection.Assertion, SelGenerator.Bmc);
            }
            _power = PowerState.Off;
            _powerDeadline = DateTimeOffset.MaxValue;
            _lastPowerEvent = LastPowerEvent.AcFailed;
            RebootBmcAt(now);
            var back = _bmcAvailableAt + _shared.Options.Timings.PowerOnDelay;
            if (_restorePolicy == PowerRestorePolicy.AlwaysOn)
            {
                SchedulePowerOn(back, SystemRestartCause.PowerRestoreAlwaysOn, LastPowerEvent.AcFailed);
            }
            else if (_restorePolicy == PowerRestorePolicy.RestorePrevious && wasOn)
            {
                SchedulePowerOn(back, SystemRestartCause.PowerRestorePrevious, LastPowerEvent.AcFailed);
            }
        }
    }

    private ChassisIdentifyState IdentifyStateAt(DateTimeOffset now) =>
        _identifyForced ? ChassisIdentifyState.IndefiniteOn
        : now < _identifyUntil ? ChassisIdentifyState.TimedOn
        : ChassisIdentifyState.Off;
}

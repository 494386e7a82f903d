namespace Lifeline.Simulator.Model;

// IPMI v2.0 §28.3 Chassis Control semantics, as a state machine with deadlines:
//
//   Off ──PowerUp──▶ PoweringOn ──(PowerOnDelay)──▶ On ──SoftShutdown──▶ ShuttingDown ──(SoftOffDelay)──▶ Off
//   On/ShuttingDown ──PowerDown──▶ Off (at once)
//   On/ShuttingDown ──PowerCycle──▶ Cycling (main power off) ──(PowerCycleOffInterval)──▶ On
//   On/ShuttingDown ──HardReset──▶ On (host reboots; power stays on)
//
// A deadline is applied by the first access after it passed, with the deadline as the event's time.
public sealed partial class BmcModel
{
    private PowerState _power;
    private DateTimeOffset _powerDeadline = DateTimeOffset.MaxValue;
    private SystemRestartCause _pendingCause;
    private LastPowerEvent _pendingPowerEvent;
    private SystemRestartCause _restartCause;
    private LastPowerEvent _lastPowerEvent;
    private bool _powerFault;
    private bool _powerControlFault;
    private DateTimeOffset _mainPowerSince;
    private TimeSpan _poweredBefore;
    private long _pohBaseMinutes;

    public PowerState PowerState
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _power;
            }
        }
    }

    /// <summary>Whether main power is on (On or ShuttingDown).</summary>
    public bool IsPoweredOn
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _power.IsMainPowerOn();
            }
        }
    }

    /// <summary>When the pending transition happens, if one is pending.</summary>
    public DateTimeOffset? PowerTransitionDeadline
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _powerDeadline == DateTimeOffset.MaxValue ? null : _powerDeadline;
            }
        }
    }

    /// <summary>Get System Restart Cause (§28.11): why the host last started.</summary>
    public SystemRestartCause RestartCause
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _restartCause;
            }
        }
    }

    /// <summary>Get POH Counter (§28.14) at one minute per count: minutes of main power over the node's life.</summary>
    public long PowerOnMinutes
    {
        get
        {
            lock (_lock)
            {
                var now = Sync();
                var total = _poweredBefore + (_power.IsMainPowerOn() ? now - _mainPowerSince : TimeSpan.Zero);
                return _pohBaseMinutes + (long)total.TotalMinutes;
            }
        }
    }

    public ChassisControlResult PowerOn() => ChassisControl(ChassisControlCommand.PowerUp);

    public ChassisControlResult PowerOff() => ChassisControl(ChassisControlCommand.PowerDown);

    public ChassisControlResult PowerCycle() => ChassisControl(ChassisControlCommand.PowerCycle);

    public ChassisControlResult HardReset() => ChassisControl(ChassisControlCommand.HardReset);

    public ChassisControlResult SoftOff() => ChassisControl(ChassisControlCommand.SoftShutdown);

    public ChassisControlResult DiagnosticInterrupt() => ChassisControl(ChassisControlCommand.PulseDiagnosticInterrupt);

    /// <summary>IPMI v2.0 §28.3 Chassis Control.</summary>
    public ChassisControlResult ChassisControl(ChassisControlCommand command)
    {
        lock (_lock)
        {
            var now = Sync();
            StopBootFlagsTimer(now);
            var timings = _shared.Options.Timings;
            bool mainOn = _power.IsMainPowerOn();
            switch (command)
            {
                case ChassisControlCommand.PowerUp:
                    if (_power == PowerState.Off)
                    {
                        SchedulePowerOn(now + timings.PowerOnDelay, SystemRestartCause.ChassisControlCommand,
                            LastPowerEvent.PowerOnViaIpmi);
                    }
                    return ChassisControlResult.Accepted;

                case ChassisControlCommand.PowerDown:
                    if (mainOn)
                    {
                        MainPowerOff(now, PowerUnitOffset.PowerOff);
                    }
                    _power = PowerState.Off;
                    _powerDeadline = DateTimeOffset.MaxValue;
                    return ChassisControlResult.Accepted;

                case ChassisControlCommand.PowerCycle:
                    if (_power == PowerState.Cycling)
                    {
                        return ChassisControlResult.Accepted;
                    }
                    if (!mainOn)
                    {
                        return ChassisControlResult.NotInPresentState;
                    }
                    MainPowerOff(now, PowerUnitOffset.PowerCycle);
                    _power = PowerState.Cycling;
                    _powerDeadline = now + timings.PowerCycleOffInterval;
                    _pendingCause = SystemRestartCause.ChassisControlCommand;
                    _pendingPowerEvent = LastPowerEvent.PowerOnViaIpmi;
                    return ChassisControlResult.Accepted;

                case ChassisControlCommand.HardReset:
                    if (!mainOn)
                    {
                        return ChassisControlResult.NotInPresentState;
                    }
                    _power = PowerState.On;
                    _powerDeadline = DateTimeOffset.MaxValue;
                    Restart(now, SystemRestartCause.ChassisControlCommand, SystemBootOffset.HardReset);
                    return ChassisControlResult.Accepted;

                case ChassisControlCommand.PulseDiagnosticInterrupt:
                    if (!mainOn)
                    {
                        return ChassisControlResult.NotInPresentState;
                    }
                    DeliverNmi(now);
                    return ChassisControlResult.Accepted;

                case ChassisControlCommand.SoftShutdown:
                    if (_power == PowerState.On)
                    {
                        RequestOsShutdown(now);
                    }
                    return ChassisControlResult.Accepted; // ignored while off or already shutting down

                default:
                    throw new ArgumentOutOfRangeException(nameof(command), command, "Not a chassis control command.");
            }
        }
    }

    private void InitializePower()
    {
        var options = _shared.Options;
        _restorePolicy = options.PowerRestorePolicy;
        // A node has run for 0.5-3 years before the simulation starts; if on, its OS has been up 1-30 days.
        _pohBaseMinutes = (long)(Mix.Unit(Mix.Hash(_nodeSeed, 0x90)) * 2.5 * 525_600) + 262_800;
        if (options.InitiallyOn)
        {
            _power = PowerState.On;
            _mainPowerSince = _createdAt;
            SetDiscreteState(SensorNumbers.PowerUnit, 0, false);
            ScheduleCorrectableEcc(_createdAt);
        }
        else
        {
            _power = PowerState.Off;
            SetDiscreteState(SensorNumbers.PowerUnit, 0, true);
        }
        _sensorsPowered = options.InitiallyOn;
        ResetSensorSegments(_createdAt);
    }

    private TimeSpan InitialUptime => TimeSpan.FromHours(24 + Mix.Unit(Mix.Hash(_nodeSeed, 0x91)) * 29 * 24);

    private void SchedulePowerOn(DateTimeOffset at, SystemRestartCause cause, LastPowerEvent powerEvent)
    {
        _power = PowerState.PoweringOn;
        _powerDeadline = at;
        _pendingCause = cause;
        _pendingPowerEvent = powerEvent;
    }

    private void RunPowerDeadline(DateTimeOffset t)
    {
        _powerDeadline = DateTimeOffset.MaxValue;
        switch (_power)
        {
            case PowerState.PoweringOn or PowerState.Cycling:
                if (!AnyPowerSupplyWorking())
                {
                    // Nothing to power the host from: the attempt fails (§28.2 "power control fault").
                    _power = PowerState.Off;
                    _powerControlFault = true;
                    return;
                }
                MainPowerOn(t, _pendingCause);
                _lastPowerEvent = _pendingPowerEvent;
                break;
            case PowerState.ShuttingDown:
                MainPowerOff(t, PowerUnitOffset.PowerOff);
                _power = PowerState.Off;
                break;
            default:
                break;
        }
    }

    private void MainPowerOn(DateTimeOffset t, SystemRestartCause cause)
    {
        StartSensorSegment(t, powered: true, _ambient);
        _power = PowerState.On;
        _mainPowerSince = t;
        _powerControlFault = false;
        SetDiscreteState(SensorNumbers.PowerUnit, 0, false, t, SelGenerator.Bmc); // Power off/down deasserted
        Restart(t, cause, SystemBootOffset.PowerUp);
        ScheduleCorrectableEcc(t);
    }

    /// <summary>Main power goes off now; logs a Power Unit event with <paramref name="selOffset"/>.</summary>
    private void MainPowerOff(DateTimeOffset t, byte selOffset)
    {
        if (_power.IsMainPowerOn())
        {
            _poweredBefore += t - _mainPowerSince;
        }
        StartSensorSegment(t, powered: false, _ambient);
        _power = PowerState.Off;
        _powerDeadline = DateTimeOffset.MaxValue;
        _console?.PowerOff();
        _nextEccAt = DateTimeOffset.MaxValue;
        SetDiscreteState(SensorNumbers.PowerUnit, 0, true);
        LogSensorEvent(t, SensorNumbers.PowerUnit, selOffset, EventDirection.Assertion, SelGenerator.Bmc);
    }

    /// <summary>The host starts from POST: firmware reads the boot flags, the console prints the boot.</summary>
    private void Restart(DateTimeOffset t, SystemRestartCause cause, byte systemBootOffset)
    {
        _restartCause = cause;
        _hostStarts++;
        var (device, efi) = ConsumeBootFlags(t);
        LogSensorEvent(t, SensorNumbers.SystemBoot, systemBootOffset, EventDirection.Assertion, SelGenerator.Bios);
        var path = device switch
        {
            BootDevice.Pxe => BootPath.Pxe,
            BootDevice.BiosSetup => BootPath.Setup,
            BootDevice.Cdrom or BootDevice.RemoteCdrom or BootDevice.RemoteFloppy or BootDevice.RemoteMedia
                or BootDevice.Floppy => BootPath.RemovableThenDisk,
            BootDevice.Diagnostic => BootPath.DiagnosticThenDisk,
            _ => BootPath.Disk,
        };
        _osBootOffset = path == BootPath.Pxe ? OsBootOffset.PxeBootCompleted : OsBootOffset.HardDiskBootCompleted;
        EnsureConsole(t).StartBoot(t, path, efi);
    }

    /// <summary>ACPI soft-off: the OS shuts down, then main power goes off. A panicked OS does not answer.</summary>
    private void RequestOsShutdown(DateTimeOffset now)
    {
        var console = EnsureConsole(now);
        if (console.Stage == HostStage.Panicked)
        {
            return;
        }
        var delay = _shared.Options.Timings.SoftOffDelay;
        _power = PowerState.ShuttingDown;
        _powerDeadline = now + delay;
        if (console.OsRunning)
        {
            console.StartShutdown(now, delay, reboot: false);
        }
    }

    private void DeliverNmi(DateTimeOffset now)
    {
        LogSensorEvent(now, SensorNumbers.CriticalInterrupt, 0x00, EventDirection.Assertion, SelGenerator.Bmc);
        var console = EnsureConsole(now);
        if (console.OsRunning)
        {
            console.Panic(now, ConsoleScripts.NmiPanic);
        }
    }

    /// <summary>Table 42-3 Power Unit offsets.</summary>
    private static class PowerUnitOffset
    {
        public const byte PowerOff = 0x00;
        public const byte PowerCycle = 0x01;
        public const byte AcLost = 0x04;
        public const byte Failure = 0x06;
    }

    /// <summary>Table 42-3 System Boot / Restart Initiated offsets.</summary>
    private static class SystemBootOffset
    {
        public const byte PowerUp = 0x00;
        public const byte HardReset = 0x01;
        public const byte WarmReset = 0x02;
        public const byte OsHardReset = 0x05;
        public const byte OsWarmReset = 0x06;
    }

    /// <summary>Table 42-3 OS Boot offsets.</summary>
    private static class OsBootOffset
    {
        public const byte HardDiskBootCompleted = 0x01;
        public const byte PxeBootCompleted = 0x02;
    }
}

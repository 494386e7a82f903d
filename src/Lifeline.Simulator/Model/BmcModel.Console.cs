namespace Lifeline.Simulator.Model;

// The host's serial console (what SOL, a terminal server or a Redfish console face carries): output is a
// bounded byte stream addressed by absolute positions; input goes to whatever the host is running.
public sealed partial class BmcModel
{
    private HostConsole? _console;

    /// <summary>What the console shows the host doing.</summary>
    public HostStage HostStage
    {
        get
        {
            lock (_lock)
            {
                return EnsureConsole(Sync()).Stage;
            }
        }
    }

    /// <summary>Position after the newest console byte: the total ever produced.</summary>
    public long ConsoleEnd
    {
        get
        {
            lock (_lock)
            {
                return EnsureConsole(Sync()).End;
            }
        }
    }

    /// <summary>
    /// Copies console output from <paramref name="position"/> into <paramref name="destination"/>. When the ring
    /// no longer holds that position, the read starts at the oldest byte held and reports how many were dropped.
    /// </summary>
    public ConsoleRead ReadConsole(long position, Span<byte> destination)
    {
        lock (_lock)
        {
            return EnsureConsole(Sync()).Read(position, destination);
        }
    }

    /// <summary>Everything held from <paramref name="position"/> on (up to the buffer size).</summary>
    public byte[] ReadConsole(long position, out ConsoleRead read)
    {
        lock (_lock)
        {
            var console = EnsureConsole(Sync());
            var buffer = new byte[Math.Clamp(console.End - Math.Max(position, console.Start), 0, int.MaxValue)];
            read = console.Read(position, buffer);
            return read.Count == buffer.Length ? buffer : buffer[..read.Count];
        }
    }

    /// <summary>Bytes typed at the console: echoed and acted on at a login prompt or shell; ignored while the
    /// host is off, booting or shutting down.</summary>
    public void WriteConsole(ReadOnlySpan<byte> input)
    {
        lock (_lock)
        {
            var now = Sync();
            var action = EnsureConsole(now).Input(now, input);
            OnConsoleAction(now, action);
        }
    }

    /// <summary>A serial break. On a running Linux the next byte is a SysRq key (b reboot, c crash, o power off).</summary>
    public void SendConsoleBreak()
    {
        lock (_lock)
        {
            EnsureConsole(Sync()).Break();
        }
    }

    /// <summary>The console is made on first use; a node built powered on has its OS already running.</summary>
    private HostConsole EnsureConsole(DateTimeOffset now)
    {
        if (_console is not null)
        {
            return _console;
        }
        var lan = LanUnlocked();
        int host = Index + 1;
        _console = new HostConsole(_shared.Options.ConsoleBufferBytes, new ConsoleContext(
            Name,
            _shared.Vendor,
            FormatMac(LanConfiguration.HostMacFor(Index).GetAddressBytes()),
            $"10.100.{(host >> 8) & 0xFF}.{host & 0xFF}",
            lan.Address.ToString(),
            FormatMac(lan.MacAddress.GetAddressBytes())));
        if (_power.IsMainPowerOn())
        {
            _console.AssumeRunning(now, InitialUptime);
        }
        return _console;
    }

    private static string FormatMac(byte[] bytes) => string.Join(':', bytes.Select(b => b.ToString("X2")));

    private void OnConsoleMilestone(DateTimeOffset t, ConsoleMilestone milestone)
    {
        switch (milestone)
        {
            case ConsoleMilestone.OsBooted:
                LogSensorEvent(t, SensorNumbers.OsBoot, _osBootOffset, EventDirection.Assertion, SelGenerator.Os);
                break;
            case ConsoleMilestone.RebootNow:
                Restart(t, SystemRestartCause.SoftReset, SystemBootOffset.OsWarmReset);
                break;
            default:
                break;
        }
    }

    private void OnConsoleAction(DateTimeOffset now, ConsoleAction action)
    {
        switch (action)
        {
            case ConsoleAction.OsPowerOff when _power == PowerState.On:
                RequestOsShutdown(now);
                break;
            case ConsoleAction.OsReboot when _power == PowerState.On:
                EnsureConsole(now).StartShutdown(now, _shared.Options.Timings.SoftOffDelay, reboot: true);
                break;
            case ConsoleAction.ImmediateReboot when _power.IsMainPowerOn():
                _power = PowerState.On;
                _powerDeadline = DateTimeOffset.MaxValue;
                Restart(now, SystemRestartCause.SoftReset, SystemBootOffset.OsHardReset);
                break;
            case ConsoleAction.ImmediatePowerOff when _power.IsMainPowerOn():
                MainPowerOff(now, PowerUnitOffset.PowerOff);
                break;
            default:
                break;
        }
    }
}

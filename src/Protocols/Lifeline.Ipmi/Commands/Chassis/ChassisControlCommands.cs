using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Chassis;

public enum ChassisControlAction : byte
{
    PowerDown = 0x00,
    PowerUp = 0x01,
    PowerCycle = 0x02,
    HardReset = 0x03,
    PulseDiagnosticInterrupt = 0x04,
    /// <summary>Initiate a soft shutdown of the OS via ACPI by emulating a fatal overtemperature.</summary>
    SoftShutdown = 0x05,
}

// IPMI v2.0 §28.3 Chassis Control (NetFn Chassis 00h, cmd 02h)
//
// request:
//   0  [3:0] chassis control: 0h power down, 1h power up, 2h power cycle, 3h hard reset,
//      4h pulse diagnostic interrupt, 5h initiate soft shutdown via ACPI overtemperature emulation
// response: completion code only. Not idempotent (power cycle, hard reset): never retried blindly.
public sealed class ChassisControl(ChassisControlAction action) : IIpmiCommand<EmptyResponse>
{
    public ChassisControlAction Action { get; } = action;

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x02;
    public string Name => "Chassis Control";

    public void WriteRequest(IpmiWriter writer) => writer.Byte((byte)((byte)Action & 0x0F));

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static ChassisControl Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ChassisControl((ChassisControlAction)(r.ReadByte() & 0x0F));
    }
}

// IPMI v2.0 §28.5 Chassis Identify (NetFn Chassis 00h, cmd 04h)
//
// request:
//   0  identify interval in seconds; 00h = turn identify off (optional: absent means the default 15 s)
//   1  [0] 1 = force identify on indefinitely, byte 0 is then ignored (optional)
// response: completion code only
public sealed class ChassisIdentify(byte? intervalSeconds = null, bool force = false) : IIpmiCommand<EmptyResponse>
{
    public static ChassisIdentify Off() => new(0);
    public static ChassisIdentify On() => new(0, force: true);

    /// <summary>Seconds to blink; 0 turns identify off; null sends no byte (BMC default, 15 s).</summary>
    public byte? IntervalSeconds { get; } = intervalSeconds;
    public bool Force { get; } = force;

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x04;
    public string Name => "Chassis Identify";

    public void WriteRequest(IpmiWriter writer)
    {
        if (Force)
        {
            writer.Byte(IntervalSeconds ?? 0).Byte(0x01);
        }
        else if (IntervalSeconds is { } seconds)
        {
            writer.Byte(seconds);
        }
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static ChassisIdentify Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte? interval = r.ReadOptionalByte();
        byte? force = r.ReadOptionalByte();
        return new ChassisIdentify(interval, force is { } f && (f & 0x01) != 0);
    }
}

public enum RestartCause : byte
{
    Unknown = 0x00,
    ChassisControlCommand = 0x01,
    ResetButton = 0x02,
    PowerButton = 0x03,
    WatchdogExpiration = 0x04,
    Oem = 0x05,
    AutomaticPowerUpAlwaysRestore = 0x06,
    AutomaticPowerUpRestorePrevious = 0x07,
    ResetViaPef = 0x08,
    PowerCycleViaPef = 0x09,
    SoftReset = 0x0A,
    RtcWakeup = 0x0B,
}

// IPMI v2.0 §28.11 Get System Restart Cause (NetFn Chassis 00h, cmd 07h)
//
// request: (none)
// response (after completion code):
//   0  [3:0] restart cause: 0h unknown, 1h chassis control command, 2h reset via pushbutton, 3h power-up via power
//      pushbutton, 4h watchdog expiration, 5h OEM, 6h automatic power-up (always restore policy), 7h automatic
//      power-up (restore previous policy), 8h reset via PEF, 9h power-cycle via PEF, Ah soft reset, Bh RTC wakeup
//   1  channel number the command that caused the restart came over
public sealed class GetSystemRestartCause : IIpmiCommand<SystemRestartCauseResponse>
{
    public static readonly GetSystemRestartCause Instance = new();

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x07;
    public string Name => "Get System Restart Cause";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SystemRestartCauseResponse ReadResponse(ReadOnlySpan<byte> data) => SystemRestartCauseResponse.Read(data);

    public static GetSystemRestartCause Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record SystemRestartCauseResponse(RestartCause Cause, byte Channel)
{
    public static SystemRestartCauseResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SystemRestartCauseResponse((RestartCause)(r.ReadByte() & 0x0F), r.ReadByte());
    }

    public void Write(IpmiWriter w) => w.Byte((byte)((byte)Cause & 0x0F)).Byte(Channel);
}

// IPMI v2.0 §28.14 Get POH Counter (NetFn Chassis 00h, cmd 0Fh)
//
// request: (none)
// response (after completion code):
//   0    minutes per count
//   1-4  counter reading (LSB first)
public sealed class GetPohCounter : IIpmiCommand<PohCounterResponse>
{
    public static readonly GetPohCounter Instance = new();

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x0F;
    public string Name => "Get POH Counter";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public PohCounterResponse ReadResponse(ReadOnlySpan<byte> data) => PohCounterResponse.Read(data);

    public static GetPohCounter Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record PohCounterResponse(byte MinutesPerCount, uint Counter)
{
    public TimeSpan PoweredOn => TimeSpan.FromMinutes((double)MinutesPerCount * Counter);

    public static PohCounterResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new PohCounterResponse(r.ReadByte(), r.ReadUInt32());
    }

    public void Write(IpmiWriter w) => w.Byte(MinutesPerCount).UInt32(Counter);
}

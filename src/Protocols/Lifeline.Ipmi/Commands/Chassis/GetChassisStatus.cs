using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Chassis;

public enum PowerRestorePolicy : byte
{
    StaysOff = 0x00,
    RestoresPrevious = 0x01,
    AlwaysOn = 0x02,
    Unknown = 0x03,
}

/// <summary>Byte 2 of Get Chassis Status: what caused the last power event.</summary>
[Flags]
public enum LastPowerEvent : byte
{
    None = 0,
    AcFailed = 0x01,
    PowerOverload = 0x02,
    PowerInterlock = 0x04,
    PowerFault = 0x08,
    /// <summary>The last power-on was commanded over IPMI.</summary>
    PowerOnByIpmi = 0x10,
}

public enum ChassisIdentifyState : byte
{
    Off = 0x00,
    TemporaryOn = 0x01,
    IndefiniteOn = 0x02,
}

/// <summary>Byte 4 of Get Chassis Status: front panel buttons that may be disabled, and those that are.</summary>
[Flags]
public enum FrontPanelButtons : byte
{
    None = 0,
    PowerOffDisabled = 0x01,
    ResetDisabled = 0x02,
    DiagnosticInterruptDisabled = 0x04,
    StandbyDisabled = 0x08,
    PowerOffDisableAllowed = 0x10,
    ResetDisableAllowed = 0x20,
    DiagnosticInterruptDisableAllowed = 0x40,
    StandbyDisableAllowed = 0x80,
}

// IPMI v2.0 §28.2 Get Chassis Status (NetFn Chassis 00h, cmd 01h)
//
// request: (none)
// response (after completion code):
//   0  current power state: [6:5] power restore policy (00b stays off, 01b restores previous, 10b always on, 11b unknown),
//      [4] power control fault, [3] power fault, [2] interlock, [1] power overload, [0] power is on
//   1  last power event: [4] last power-on via IPMI command, [3] power fault, [2] interlock, [1] overload, [0] AC failed
//   2  misc chassis state: [6] chassis identify state info supported, [5:4] identify state (00b off, 01b temporary on,
//      10b indefinite on) when bit 6 is set, [3] cooling/fan fault, [2] drive fault, [1] front panel lockout active,
//      [0] chassis intrusion active
//   3  front panel button capabilities and disable state (optional)
public sealed class GetChassisStatus : IIpmiCommand<ChassisStatusResponse>
{
    public static readonly GetChassisStatus Instance = new();

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x01;
    public string Name => "Get Chassis Status";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public ChassisStatusResponse ReadResponse(ReadOnlySpan<byte> data) => ChassisStatusResponse.Read(data);

    public static GetChassisStatus Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record ChassisStatusResponse(
    bool PowerOn,
    bool PowerOverload,
    bool Interlock,
    bool PowerFault,
    bool PowerControlFault,
    PowerRestorePolicy RestorePolicy,
    LastPowerEvent LastPowerEvent,
    bool ChassisIntrusion,
    bool FrontPanelLockout,
    bool DriveFault,
    bool CoolingFault,
    /// <summary>Null when the BMC does not report identify state (byte 3 bit 6 clear).</summary>
    ChassisIdentifyState? IdentifyState,
    /// <summary>Null when the BMC omits the optional fourth byte.</summary>
    FrontPanelButtons? FrontPanel)
{
    public static ChassisStatusResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte power = r.ReadByte();
        byte last = r.ReadByte();
        byte misc = r.ReadByte();
        byte? panel = r.ReadOptionalByte();
        return new ChassisStatusResponse(
            PowerOn: (power & 0x01) != 0,
            PowerOverload: (power & 0x02) != 0,
            Interlock: (power & 0x04) != 0,
            PowerFault: (power & 0x08) != 0,
            PowerControlFault: (power & 0x10) != 0,
            RestorePolicy: (PowerRestorePolicy)((power >> 5) & 0x03),
            LastPowerEvent: (LastPowerEvent)(last & 0x1F),
            ChassisIntrusion: (misc & 0x01) != 0,
            FrontPanelLockout: (misc & 0x02) != 0,
            DriveFault: (misc & 0x04) != 0,
            CoolingFault: (misc & 0x08) != 0,
            IdentifyState: (misc & 0x40) != 0 ? (ChassisIdentifyState)((misc >> 4) & 0x03) : null,
            FrontPanel: (FrontPanelButtons?)panel);
    }

    public void Write(IpmiWriter w)
    {
        w.Byte((byte)((PowerOn ? 0x01 : 0) | (PowerOverload ? 0x02 : 0) | (Interlock ? 0x04 : 0) | (PowerFault ? 0x08 : 0)
                | (PowerControlFault ? 0x10 : 0) | (((byte)RestorePolicy & 0x03) << 5)))
         .Byte((byte)((byte)LastPowerEvent & 0x1F))
         .Byte((byte)((ChassisIntrusion ? 0x01 : 0) | (FrontPanelLockout ? 0x02 : 0) | (DriveFault ? 0x04 : 0) | (CoolingFault ? 0x08 : 0)
                | (IdentifyState is { } s ? 0x40 | (((byte)s & 0x03) << 4) : 0)));
        if (FrontPanel is { } panel)
        {
            w.Byte((byte)panel);
        }
    }
}

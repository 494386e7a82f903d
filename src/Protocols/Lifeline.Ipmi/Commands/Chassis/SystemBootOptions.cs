using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Chassis;

/// <summary>Boot option parameter selectors (IPMI v2.0 §28.13, Table 28-14).</summary>
public enum BootOptionParameter : byte
{
    SetInProgress = 0x00,
    ServicePartitionSelector = 0x01,
    ServicePartitionScan = 0x02,
    BmcBootFlagValidBitClearing = 0x03,
    BootInfoAcknowledge = 0x04,
    BootFlags = 0x05,
    BootInitiatorInfo = 0x06,
    BootInitiatorMailbox = 0x07,
}

/// <summary>Parameter 0 data 1 [1:0].</summary>
public enum BootOptionSetState : byte
{
    SetComplete = 0x00,
    SetInProgress = 0x01,
    CommitWrite = 0x02,
}

/// <summary>Parameter 4: which parties have handled the boot info (write mask in data 1, values in data 2).</summary>
[Flags]
public enum BootInfoAcknowledgeFlags : byte
{
    None = 0,
    BiosPost = 0x01,
    OsLoader = 0x02,
    OsServicePartition = 0x04,
    Sms = 0x08,
    Oem = 0x10,
}

/// <summary>Boot device selector: the 4-bit value of parameter 5 data 2 [5:2].</summary>
public enum BootDevice : byte
{
    None = 0x0,
    Pxe = 0x1,
    HardDrive = 0x2,
    HardDriveSafeMode = 0x3,
    DiagnosticPartition = 0x4,
    CdDvd = 0x5,
    BiosSetup = 0x6,
    /// <summary>Remotely connected (redirected) floppy/primary removable media.</summary>
    RemoteFloppy = 0x7,
    /// <summary>Remotely connected CD/DVD.</summary>
    RemoteCdDvd = 0x8,
    PrimaryRemoteMedia = 0x9,
    RemoteHardDrive = 0xB,
    /// <summary>Floppy/primary removable media.</summary>
    Floppy = 0xF,
}

// IPMI v2.0 §28.13 Table 28-14 parameter 5 Boot Flags (5 data bytes)
//   data 1: [7] boot flags valid, [6] 0 = apply to next boot only, 1 = persistent, [5] boot type 0 = PC compatible
//           (legacy), 1 = EFI
//   data 2: [7] CMOS clear, [6] lock keyboard, [5:2] boot device selector, [1] screen blank, [0] lock out reset button
//   data 3: [7] lock out power button, [6:5] firmware verbosity, [4] force progress event traps,
//           [3] user password bypass, [2] lock out sleep button, [1:0] console redirection control
//   data 4: [4] BIOS shared mode override, [2:0] BIOS mux control override
//   data 5: [4:0] device instance selector
/// <summary>
/// The Boot Flags parameter. Data 3-5 are kept raw; a BMC that sends fewer than five bytes gets 00h ("no override",
/// the spec's default for each of them) for the missing ones.
/// </summary>
public sealed record BootFlags(
    bool Valid,
    bool Persistent,
    bool Efi,
    BootDevice Device,
    bool ClearCmos = false,
    bool LockKeyboard = false,
    bool ScreenBlank = false,
    bool LockOutResetButton = false,
    byte Data3 = 0,
    byte Data4 = 0,
    byte Data5 = 0)
{
    public const int Length = 5;

    public static BootFlags Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte d1 = r.ReadByte();
        byte d2 = r.ReadByte();
        return new BootFlags(
            Valid: (d1 & 0x80) != 0,
            Persistent: (d1 & 0x40) != 0,
            Efi: (d1 & 0x20) != 0,
            Device: (BootDevice)((d2 >> 2) & 0x0F),
            ClearCmos: (d2 & 0x80) != 0,
            LockKeyboard: (d2 & 0x40) != 0,
            ScreenBlank: (d2 & 0x02) != 0,
            LockOutResetButton: (d2 & 0x01) != 0,
            Data3: r.ReadOptionalByte() ?? 0,
            Data4: r.ReadOptionalByte() ?? 0,
            Data5: r.ReadOptionalByte() ?? 0);
    }

    public void Write(IpmiWriter w) =>
        w.Byte((byte)((Valid ? 0x80 : 0) | (Persistent ? 0x40 : 0) | (Efi ? 0x20 : 0)))
         .Byte((byte)((ClearCmos ? 0x80 : 0) | (LockKeyboard ? 0x40 : 0) | (((byte)Device & 0x0F) << 2)
             | (ScreenBlank ? 0x02 : 0) | (LockOutResetButton ? 0x01 : 0)))
         .Byte(Data3).Byte(Data4).Byte(Data5);

    public byte[] ToArray()
    {
        var w = new IpmiWriter(Length);
        Write(w);
        return w.ToArray();
    }
}

// IPMI v2.0 §28.12 Set System Boot Options (NetFn Chassis 00h, cmd 08h)
//
// request:
//   0    [7] 1 = mark the parameter invalid/locked, [6:0] parameter selector
//   1-N  parameter data (Table 28-14)
// response: completion code only; 80h parameter not supported, 81h attempt to set 'set in progress' while not in
// 'set complete' state, 82h attempt to write a read-only parameter
public sealed class SetSystemBootOptions(BootOptionParameter parameter, byte[] data, bool markInvalid = false) : IIpmiCommand<EmptyResponse>
{
    public const byte ParameterNotSupported = 0x80;
    public const byte SetInProgressConflict = 0x81;
    public const byte ReadOnlyParameter = 0x82;

    public BootOptionParameter Parameter { get; } = parameter;
    public byte[] Data { get; } = data;
    public bool MarkInvalid { get; } = markInvalid;

    public static SetSystemBootOptions SetInProgress(BootOptionSetState state) =>
        new(BootOptionParameter.SetInProgress, [(byte)((byte)state & 0x03)]);

    public static SetSystemBootOptions BootInfoAcknowledge(BootInfoAcknowledgeFlags writeMask, BootInfoAcknowledgeFlags value) =>
        new(BootOptionParameter.BootInfoAcknowledge, [(byte)writeMask, (byte)value]);

    public static SetSystemBootOptions Flags(BootFlags flags) => new(BootOptionParameter.BootFlags, flags.ToArray());

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x08;
    public string Name => "Set System Boot Options";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((MarkInvalid ? 0x80 : 0) | ((byte)Parameter & 0x7F))).Bytes(Data);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetSystemBootOptions Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        return new SetSystemBootOptions((BootOptionParameter)(b0 & 0x7F), r.ReadRest().ToArray(), (b0 & 0x80) != 0);
    }

    public static string DescribeCompletionCode(CompletionCode code) => (byte)code switch
    {
        ParameterNotSupported => "Boot option parameter not supported",
        SetInProgressConflict => "Attempt to set 'set in progress' while not in 'set complete' state",
        ReadOnlyParameter => "Attempt to write a read-only boot option parameter",
        _ => code.Describe(),
    };
}

// IPMI v2.0 §28.13 Get System Boot Options (NetFn Chassis 00h, cmd 09h)
//
// request:
//   0  [6:0] parameter selector
//   1  set selector (00h if unused)
//   2  block selector (00h if unused)
// response (after completion code):
//   0    parameter version (01h)
//   1    [7] 1 = parameter marked invalid/locked, [6:0] parameter selector
//   2-N  parameter data
// completion codes: 80h parameter not supported
public sealed class GetSystemBootOptions(BootOptionParameter parameter, byte setSelector = 0, byte blockSelector = 0) : IIpmiCommand<SystemBootOptionsResponse>
{
    public BootOptionParameter Parameter { get; } = parameter;
    public byte SetSelector { get; } = setSelector;
    public byte BlockSelector { get; } = blockSelector;

    public NetFn NetFn => NetFn.Chassis;
    public byte Command => 0x09;
    public string Name => "Get System Boot Options";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((byte)Parameter & 0x7F)).Byte(SetSelector).Byte(BlockSelector);

    public SystemBootOptionsResponse ReadResponse(ReadOnlySpan<byte> data) => SystemBootOptionsResponse.Read(data);

    public static GetSystemBootOptions Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        var parameter = (BootOptionParameter)(r.ReadByte() & 0x7F);
        return new GetSystemBootOptions(parameter, r.ReadByte(), r.ReadByte());
    }
}

public sealed record SystemBootOptionsResponse(byte ParameterVersion, BootOptionParameter Parameter, bool InvalidOrLocked, byte[] Data)
{
    public const byte CurrentVersion = 0x01;

    public BootFlags ToBootFlags()
    {
        Expect(BootOptionParameter.BootFlags);
        return BootFlags.Read(Data);
    }

    public BootOptionSetState ToSetState()
    {
        Expect(BootOptionParameter.SetInProgress);
        var r = new IpmiReader(Data);
        return (BootOptionSetState)(r.ReadByte() & 0x03);
    }

    /// <summary>Parameter 4: (write mask, acknowledge values).</summary>
    public (BootInfoAcknowledgeFlags WriteMask, BootInfoAcknowledgeFlags Value) ToBootInfoAcknowledge()
    {
        Expect(BootOptionParameter.BootInfoAcknowledge);
        var r = new IpmiReader(Data);
        return ((BootInfoAcknowledgeFlags)r.ReadByte(), (BootInfoAcknowledgeFlags)r.ReadByte());
    }

    private void Expect(BootOptionParameter parameter)
    {
        if (Parameter != parameter)
        {
            throw IpmiException.Malformed($"asked for boot option parameter {(byte)parameter}, BMC answered parameter {(byte)Parameter}");
        }
    }

    public static SystemBootOptionsResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte version = r.ReadByte();
        byte b1 = r.ReadByte();
        return new SystemBootOptionsResponse(version, (BootOptionParameter)(b1 & 0x7F), (b1 & 0x80) != 0, r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w) =>
        w.Byte(ParameterVersion).Byte((byte)((InvalidOrLocked ? 0x80 : 0) | ((byte)Parameter & 0x7F))).Bytes(Data);
}

using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §20.4 Get Self Test Results (NetFn App 06h, cmd 04h)
//
// request: (none)
// response (after completion code):
//   0  55h no error, 56h self test not implemented, 57h corrupted or inaccessible data or devices,
//      58h fatal hardware error, other values device-specific
//   1  57h: [7] cannot access SEL device, [6] cannot access SDR repository, [5] cannot access BMC FRU device,
//          [4] IPMB signal lines do not respond, [3] SDR repository empty, [2] internal use area of BMC FRU corrupted,
//          [1] controller update 'boot block' firmware corrupted, [0] controller operational firmware corrupted
//      58h: device-specific; otherwise 00h
public sealed class GetSelfTestResults : IIpmiCommand<SelfTestResultsResponse>
{
    public static readonly GetSelfTestResults Instance = new();

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x04;
    public string Name => "Get Self Test Results";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SelfTestResultsResponse ReadResponse(ReadOnlySpan<byte> data) => SelfTestResultsResponse.Read(data);

    public static GetSelfTestResults Read(ReadOnlySpan<byte> data) => Instance;
}

public enum SelfTestResult : byte
{
    NoError = 0x55,
    NotImplemented = 0x56,
    CorruptedOrInaccessible = 0x57,
    FatalHardwareError = 0x58,
}

/// <summary>Byte 2 of a 57h self-test result.</summary>
[Flags]
public enum SelfTestFailures : byte
{
    None = 0,
    OperationalFirmwareCorrupted = 0x01,
    BootBlockFirmwareCorrupted = 0x02,
    FruInternalUseAreaCorrupted = 0x04,
    SdrRepositoryEmpty = 0x08,
    IpmbSignalLinesDoNotRespond = 0x10,
    CannotAccessFru = 0x20,
    CannotAccessSdrRepository = 0x40,
    CannotAccessSel = 0x80,
}

public sealed record SelfTestResultsResponse(SelfTestResult Result, byte Detail)
{
    /// <summary>The failure bits when <see cref="Result"/> is 57h; <see cref="SelfTestFailures.None"/> otherwise.</summary>
    public SelfTestFailures Failures => Result == SelfTestResult.CorruptedOrInaccessible ? (SelfTestFailures)Detail : SelfTestFailures.None;

    public bool Passed => Result == SelfTestResult.NoError;

    public static SelfTestResultsResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SelfTestResultsResponse((SelfTestResult)r.ReadByte(), r.ReadByte());
    }

    public void Write(IpmiWriter w) => w.Byte((byte)Result).Byte(Detail);
}

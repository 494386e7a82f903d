using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Commands.Sensor;

// IPMI v2.0 §35.14 Get Sensor Reading (NetFn Sensor/Event 04h, cmd 2Dh)
//
// request:
//   0  sensor number (FFh reserved)
// response: see Sensors/SensorReading.cs — reading, flags, then 0-2 optional state bytes
public sealed class GetSensorReading(byte sensorNumber) : IIpmiCommand<SensorReading>
{
    public byte SensorNumber { get; } = sensorNumber;

    public NetFn NetFn => NetFn.SensorEvent;
    public byte Command => 0x2D;
    public string Name => "Get Sensor Reading";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(SensorNumber);

    public SensorReading ReadResponse(ReadOnlySpan<byte> data) => SensorReadingCodec.Read(data);

    public static GetSensorReading Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetSensorReading(r.ReadByte());
    }
}

/// <summary>Reads and writes the Get Sensor Reading response as <see cref="SensorReading"/> (IPMI v2.0 §35.14).</summary>
public static class SensorReadingCodec
{
    //   0  sensor reading
    //   1  [7] 0 = all event messages disabled, [6] 0 = sensor scanning disabled, [5] 1 = reading/state unavailable
    //   2  threshold comparison bits or discrete states 0-7 (optional)
    //   3  discrete states 8-14 in [6:0]; [7] reserved, "returned as 1b, ignore on read" (optional)
    public static SensorReading Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte raw = r.ReadByte();
        byte flags = r.ReadByte();
        byte? low = r.ReadOptionalByte();
        byte? high = low is null ? null : r.ReadOptionalByte();
        ushort states = (ushort)((low ?? 0) | (((high ?? 0) & 0x7F) << 8));
        byte present = (byte)(low is null ? 0 : high is null ? 1 : 2);
        return new SensorReading(raw, (flags & 0x80) != 0, (flags & 0x40) != 0, (flags & 0x20) != 0, states, present);
    }

    public static void Write(IpmiWriter w, SensorReading reading)
    {
        w.Byte(reading.Raw)
         .Byte((byte)((reading.EventMessagesEnabled ? 0x80 : 0) | (reading.ScanningEnabled ? 0x40 : 0) | (reading.Unavailable ? 0x20 : 0)));
        if (reading.StateBytesPresent >= 1)
        {
            w.Byte((byte)reading.States);
        }
        if (reading.StateBytesPresent >= 2)
        {
            w.Byte((byte)(0x80 | ((reading.States >> 8) & 0x7F)));
        }
    }
}

/// <summary>Readable-threshold mask of Get Sensor Thresholds byte 1 (and the settable mask of the SDR).</summary>
[Flags]
public enum SensorThresholds : byte
{
    None = 0,
    LowerNonCritical = 0x01,
    LowerCritical = 0x02,
    LowerNonRecoverable = 0x04,
    UpperNonCritical = 0x08,
    UpperCritical = 0x10,
    UpperNonRecoverable = 0x20,
}

// IPMI v2.0 §35.9 Get Sensor Thresholds (NetFn Sensor/Event 04h, cmd 27h)
//
// request:
//   0  sensor number
// response (after completion code):
//   0  readable thresholds mask: [5] upper non-recoverable, [4] upper critical, [3] upper non-critical,
//      [2] lower non-recoverable, [1] lower critical, [0] lower non-critical
//   1  lower non-critical   2  lower critical   3  lower non-recoverable
//   4  upper non-critical   5  upper critical   6  upper non-recoverable      (raw readings; ignore when not readable)
public sealed class GetSensorThresholds(byte sensorNumber) : IIpmiCommand<SensorThresholdsResponse>
{
    public byte SensorNumber { get; } = sensorNumber;

    public NetFn NetFn => NetFn.SensorEvent;
    public byte Command => 0x27;
    public string Name => "Get Sensor Thresholds";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(SensorNumber);

    public SensorThresholdsResponse ReadResponse(ReadOnlySpan<byte> data) => SensorThresholdsResponse.Read(data);

    public static GetSensorThresholds Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetSensorThresholds(r.ReadByte());
    }
}

public sealed record SensorThresholdsResponse(
    SensorThresholds Readable,
    byte LowerNonCritical,
    byte LowerCritical,
    byte LowerNonRecoverable,
    byte UpperNonCritical,
    byte UpperCritical,
    byte UpperNonRecoverable)
{
    /// <summary>The raw value of one threshold, or null when the BMC marks it unreadable.</summary>
    public byte? Get(SensorThresholds threshold)
    {
        if ((Readable & threshold) == 0)
        {
            return null;
        }
        return threshold switch
        {
            SensorThresholds.LowerNonCritical => LowerNonCritical,
            SensorThresholds.LowerCritical => LowerCritical,
            SensorThresholds.LowerNonRecoverable => LowerNonRecoverable,
            SensorThresholds.UpperNonCritical => UpperNonCritical,
            SensorThresholds.UpperCritical => UpperCritical,
            SensorThresholds.UpperNonRecoverable => UpperNonRecoverable,
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "pick exactly one threshold"),
        };
    }

    public static SensorThresholdsResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SensorThresholdsResponse((SensorThresholds)(r.ReadByte() & 0x3F), r.ReadByte(), r.ReadByte(), r.ReadByte(),
            r.ReadByte(), r.ReadByte(), r.ReadByte());
    }

    public void Write(IpmiWriter w) =>
        w.Byte((byte)((byte)Readable & 0x3F)).Byte(LowerNonCritical).Byte(LowerCritical).Byte(LowerNonRecoverable)
         .Byte(UpperNonCritical).Byte(UpperCritical).Byte(UpperNonRecoverable);
}

// IPMI v2.0 §35.4 Reserve Device SDR Repository (NetFn Sensor/Event 04h, cmd 22h)
//
// request: (none)
// response (after completion code):
//   0-1  reservation id (LSB first)
public sealed class ReserveDeviceSdrRepository : IIpmiCommand<ReservationResponse>
{
    public static readonly ReserveDeviceSdrRepository Instance = new();

    public NetFn NetFn => NetFn.SensorEvent;
    public byte Command => 0x22;
    public string Name => "Reserve Device SDR Repository";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public ReservationResponse ReadResponse(ReadOnlySpan<byte> data) => ReservationResponse.Read(data);

    public static ReserveDeviceSdrRepository Read(ReadOnlySpan<byte> data) => Instance;
}

// IPMI v2.0 §35.3 Get Device SDR (NetFn Sensor/Event 04h, cmd 21h) — a satellite controller's own SDRs
//
// request and response are laid out as Get SDR (§33.12):
//   0-1  reservation id, 2-3 record id, 4 offset into record, 5 bytes to read (FFh = entire record)
// response: 0-1 next record id, 2-N record data
public sealed class GetDeviceSdr(ushort reservationId, ushort recordId, byte offset = 0, byte bytesToRead = GetSdr.EntireRecord) : IIpmiCommand<RecordChunkResponse>
{
    public ushort ReservationId { get; } = reservationId;
    public ushort RecordId { get; } = recordId;
    public byte Offset { get; } = offset;
    public byte BytesToRead { get; } = bytesToRead;

    public NetFn NetFn => NetFn.SensorEvent;
    public byte Command => 0x21;
    public string Name => "Get Device SDR";

    public void WriteRequest(IpmiWriter writer) => writer.UInt16(ReservationId).UInt16(RecordId).Byte(Offset).Byte(BytesToRead);

    public RecordChunkResponse ReadResponse(ReadOnlySpan<byte> data) => RecordChunkResponse.Read(data);

    public static GetDeviceSdr Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetDeviceSdr(r.ReadUInt16(), r.ReadUInt16(), r.ReadByte(), r.ReadByte());
    }
}

using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

/// <summary>How a shared record's ID string is extended per sensor (§43.2 byte 24 [5:4]).</summary>
public enum IdStringModifier : byte
{
    /// <summary>"Temp 5", "Temp 6", ...</summary>
    Numeric = 0,
    /// <summary>"Temp A" .. "Temp Z", "Temp BA", ... (base 26, A = 0).</summary>
    Alpha = 1,
}

// IPMI v2.0 §43.2 Compact Sensor Record (type 02h), Table 43-2
//   1-5    header (SdrHeader)
//   6-23   as the full record (SensorRecord)
//   24     record sharing: [7:6] sensor direction, [5:4] ID string instance modifier type (00b numeric, 01b alpha),
//          [3:0] share count (sensors numbered sensor number .. + count - 1 share this record; 0 means 1)
//   25     [7] 1 = entity instance increments for each shared sensor, [6:0] ID string instance modifier offset
//   26     positive-going threshold hysteresis
//   27     negative-going threshold hysteresis
//   28-30  reserved
//   31     OEM
//   32     ID string type/length (§43.15)
//   33-48  ID string bytes (at most 16)

/// <summary>A compact sensor record: a (typically discrete) sensor without conversion factors, possibly shared.</summary>
public sealed class CompactSensorRecord : SensorRecord
{
    private const int FixedSize = 27; // bytes 6-32

    public CompactSensorRecord()
    {
    }

    internal CompactSensorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header, CheckLength(header, body))
    {
        Direction = (SensorDirection)(body[18] >> 6);
        Modifier = (IdStringModifier)((body[18] >> 4) & 0x03);
        ShareCount = (byte)(body[18] & 0x0F);
        EntityInstanceIncrements = (body[19] & 0x80) != 0;
        ModifierOffset = (byte)(body[19] & 0x7F);
        PositiveHysteresis = body[20];
        NegativeHysteresis = body[21];
        Oem = body[25];
        (IdString, IdStringEncoding) = ReadIdString(body, 26);
    }

    public override SdrRecordType RecordType => SdrRecordType.CompactSensor;

    public SensorDirection Direction { get; init; }
    public IdStringModifier Modifier { get; init; }
    public byte ShareCount { get; init; }
    public bool EntityInstanceIncrements { get; init; }
    public byte ModifierOffset { get; init; }
    public byte PositiveHysteresis { get; init; }
    public byte NegativeHysteresis { get; init; }

    public override bool Covers(byte sensorNumber) => SharedSensorIdentity.Covers(SensorNumber, ShareCount, sensorNumber);

    /// <summary>"Temp 5", "Temp BA": the ID string plus the instance modifier when the record is shared.</summary>
    public override string NameOf(byte sensorNumber) =>
        SharedSensorIdentity.NameOf(IdString, SensorNumber, ShareCount, Modifier, ModifierOffset, sensorNumber);

    /// <summary>The entity instance of a shared sensor.</summary>
    public byte EntityInstanceOf(byte sensorNumber) =>
        EntityInstanceIncrements ? (byte)((EntityInstance + sensorNumber - SensorNumber) & 0x7F) : EntityInstance;

    protected override void WriteBody(IpmiWriter w)
    {
        WriteCommon(w);
        w.Byte((byte)((((byte)Direction & 0x03) << 6) | (((byte)Modifier & 0x03) << 4) | (ShareCount & 0x0F)))
         .Byte((byte)((EntityInstanceIncrements ? 0x80 : 0) | (ModifierOffset & 0x7F)))
         .Byte(PositiveHysteresis)
         .Byte(NegativeHysteresis)
         .Bytes([0, 0, 0])
         .Byte(Oem);
        WriteIdString(w, IdString, IdStringEncoding);
    }

    private static ReadOnlySpan<byte> CheckLength(SdrHeader header, ReadOnlySpan<byte> body)
    {
        NeedBody(header, body, FixedSize, "compact sensor");
        return body;
    }
}

/// <summary>Record sharing (§43.2 bytes 24-25, §43.3 bytes 13-14): one record, several sensor numbers.</summary>
internal static class SharedSensorIdentity
{
    public static bool Covers(byte first, byte shareCount, byte sensorNumber) =>
        sensorNumber >= first && sensorNumber < first + Math.Max(1, (int)shareCount);

    public static string NameOf(string id, byte first, byte shareCount, IdStringModifier modifier, byte offset, byte sensorNumber)
    {
        if (shareCount <= 1)
        {
            return id;
        }
        int instance = offset + sensorNumber - first;
        return modifier == IdStringModifier.Alpha ? id + Alpha(instance) : id + instance.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Alpha(int value)
    {
        // Base 26 with A = 0: 0 -> "A", 25 -> "Z", 26 -> "BA" (the spec's own example).
        string s = "";
        do
        {
            s = (char)('A' + (value % 26)) + s;
            value /= 26;
        }
        while (value > 0);
        return s;
    }
}

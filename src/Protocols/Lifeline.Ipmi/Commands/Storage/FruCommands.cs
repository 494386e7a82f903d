using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Storage;

// IPMI v2.0 §34.1 Get FRU Inventory Area Info (NetFn Storage 0Ah, cmd 10h)
//
// request:
//   0  FRU device id (FFh reserved)
// response (after completion code):
//   0-1  FRU inventory area size in bytes (LSB first)
//   2    [0] 0 = device is accessed by bytes, 1 = by words
public sealed class GetFruInventoryAreaInfo(byte fruDeviceId) : IIpmiCommand<FruInventoryAreaInfoResponse>
{
    public byte FruDeviceId { get; } = fruDeviceId;

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x10;
    public string Name => "Get FRU Inventory Area Info";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(FruDeviceId);

    public FruInventoryAreaInfoResponse ReadResponse(ReadOnlySpan<byte> data) => FruInventoryAreaInfoResponse.Read(data);

    public static GetFruInventoryAreaInfo Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetFruInventoryAreaInfo(r.ReadByte());
    }
}

public sealed record FruInventoryAreaInfoResponse(ushort SizeInBytes, bool AccessByWords)
{
    public static FruInventoryAreaInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new FruInventoryAreaInfoResponse(r.ReadUInt16(), (r.ReadByte() & 0x01) != 0);
    }

    public void Write(IpmiWriter w) => w.UInt16(SizeInBytes).Byte((byte)(AccessByWords ? 1 : 0));
}

// IPMI v2.0 §34.2 Read FRU Data (NetFn Storage 0Ah, cmd 11h)
//
// request:
//   0    FRU device id
//   1-2  inventory offset to read (LSB first), in bytes or words per the device's access type
//   3    count to read (1-based), in bytes or words likewise
// response (after completion code):
//   0    count returned (1-based, in the same unit)
//   1-N  data (count bytes, or 2 × count bytes for word access)
// completion codes: 81h FRU device busy
public sealed class ReadFruData(byte fruDeviceId, ushort offset, byte count) : IIpmiCommand<ReadFruDataResponse>
{
    public const byte FruDeviceBusy = 0x81;

    public byte FruDeviceId { get; } = fruDeviceId;
    public ushort Offset { get; } = offset;
    public byte Count { get; } = count;

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x11;
    public string Name => "Read FRU Data";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(FruDeviceId).UInt16(Offset).Byte(Count);

    public ReadFruDataResponse ReadResponse(ReadOnlySpan<byte> data) => ReadFruDataResponse.Read(data);

    public static ReadFruData Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ReadFruData(r.ReadByte(), r.ReadUInt16(), r.ReadByte());
    }
}

public sealed record ReadFruDataResponse(byte CountReturned, byte[] Data)
{
    /// <summary>Reads the count and the data after it; at least <c>count</c> data bytes must follow.</summary>
    public static ReadFruDataResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte count = r.ReadByte();
        var rest = r.ReadRest();
        if (rest.Length < count)
        {
            throw IpmiException.Malformed($"Read FRU Data claims {count} bytes but carries {rest.Length}");
        }
        return new ReadFruDataResponse(count, rest.ToArray());
    }

    public void Write(IpmiWriter w) => w.Byte(CountReturned).Bytes(Data);
}

using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Fru;

/// <summary>
/// Writes a valid FRU image (FRU spec v1.0 rev 1.3): common header, then internal use, chassis, board and product
/// areas, each padded to a multiple of 8 bytes and closed with its zero checksum, then the multirecord area.
/// Missing mandatory fields are written empty (C0h). The simulator serves these images.
/// </summary>
public sealed class FruInventoryBuilder
{
    private const int MaxAreaBytes = 255 * 8;

    public byte[]? InternalUse { get; set; }
    public FruChassisInfo? Chassis { get; set; }
    public FruBoardInfo? Board { get; set; }
    public FruProductInfo? Product { get; set; }
    public List<FruMultiRecord> MultiRecords { get; } = [];

    /// <summary>A builder holding everything an inventory has (warnings are not written).</summary>
    public static FruInventoryBuilder From(FruInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var builder = new FruInventoryBuilder
        {
            InternalUse = inventory.InternalUse,
            Chassis = inventory.Chassis,
            Board = inventory.Board,
            Product = inventory.Product,
        };
        builder.MultiRecords.AddRange(inventory.MultiRecords);
        return builder;
    }

    public FruInventoryBuilder WithInternalUse(ReadOnlySpan<byte> data)
    {
        InternalUse = data.ToArray();
        return this;
    }

    public FruInventoryBuilder WithChassis(byte chassisType, FruField partNumber, FruField serialNumber, params FruField[] custom)
    {
        Chassis = new FruChassisInfo { ChassisType = chassisType, PartNumber = partNumber, SerialNumber = serialNumber, Custom = custom };
        return this;
    }

    public FruInventoryBuilder WithBoard(DateTimeOffset? manufacturedAt, FruField manufacturer, FruField productName,
        FruField serialNumber, FruField partNumber, FruField? fruFileId = null, params FruField[] custom)
    {
        Board = new FruBoardInfo
        {
            ManufacturedAt = manufacturedAt, Manufacturer = manufacturer, ProductName = productName, SerialNumber = serialNumber,
            PartNumber = partNumber, FruFileId = fruFileId, Custom = custom,
        };
        return this;
    }

    public FruInventoryBuilder WithProduct(FruField manufacturer, FruField productName, FruField partNumber, FruField version,
        FruField serialNumber, FruField assetTag, FruField? fruFileId = null, params FruField[] custom)
    {
        Product = new FruProductInfo
        {
            Manufacturer = manufacturer, ProductName = productName, PartNumber = partNumber, Version = version,
            SerialNumber = serialNumber, AssetTag = assetTag, FruFileId = fruFileId, Custom = custom,
        };
        return this;
    }

    public FruInventoryBuilder WithMultiRecord(byte typeId, ReadOnlySpan<byte> data)
    {
        MultiRecords.Add(new FruMultiRecord(typeId, data.ToArray()));
        return this;
    }

    /// <summary>
    /// The image; zero-filled up to <paramref name="size"/> bytes when given (a FRU device's size). Throws
    /// <see cref="IpmiException"/> (<see cref="IpmiError.InvalidRequest"/>) when something does not fit.
    /// </summary>
    public byte[] Build(int size = 0)
    {
        byte[]?[] areas =
        [
            InternalUse is null ? null : Pad([1, .. InternalUse], checksum: false),
            Chassis is null ? null : ChassisArea(Chassis),
            Board is null ? null : BoardArea(Board),
            Product is null ? null : ProductArea(Product),
            MultiRecords.Count == 0 ? null : MultiRecordArea(MultiRecords),
        ];
        var image = new IpmiWriter(256);
        Span<byte> header = stackalloc byte[FruInventory.HeaderSize];
        header[0] = 0x01;
        int offset = FruInventory.HeaderSize;
        for (int i = 0; i < areas.Length; i++)
        {
            if (areas[i] is { } area)
            {
                if (offset / 8 > byte.MaxValue)
                {
                    throw new IpmiException(IpmiError.InvalidRequest, $"FRU area {i} would start at offset {offset}, beyond what the header can address");
                }
                header[1 + i] = (byte)(offset / 8);
                offset += area.Length;
            }
        }
        header[7] = (byte)-FruInventory.Checksum(header[..7]);
        image.Bytes(header);
        foreach (var area in areas)
        {
            if (area is not null)
            {
                image.Bytes(area);
            }
        }
        if (size > 0 && image.Length > size)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"FRU image needs {image.Length} bytes; the device holds {size}");
        }
        while (image.Length < size)
        {
            image.Byte(0);
        }
        return image.ToArray();
    }

    private static byte[] ChassisArea(FruChassisInfo c)
    {
        var w = new IpmiWriter(64).Byte(c.FormatVersion == 0 ? (byte)1 : c.FormatVersion).Byte(0).Byte(c.ChassisType);
        Fields(w, [c.PartNumber, c.SerialNumber], c.Custom);
        return Pad(w.ToArray(), checksum: true);
    }

    private static byte[] BoardArea(FruBoardInfo b)
    {
        int minutes = 0;
        if (b.ManufacturedAt is { } made)
        {
            double m = Math.Floor((made - FruBoardInfo.Epoch).TotalMinutes);
            if (m is < 1 or > 0xFFFFFF)
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"board manufacturing date {made:u} is outside 1996-01-01 .. 2027 (24-bit minutes)");
            }
            minutes = (int)m;
        }
        var w = new IpmiWriter(64).Byte(b.FormatVersion == 0 ? (byte)1 : b.FormatVersion).Byte(0).Byte(b.Language).UInt24((uint)minutes);
        Fields(w, [b.Manufacturer, b.ProductName, b.SerialNumber, b.PartNumber, b.FruFileId], b.Custom);
        return Pad(w.ToArray(), checksum: true);
    }

    private static byte[] ProductArea(FruProductInfo p)
    {
        var w = new IpmiWriter(64).Byte(p.FormatVersion == 0 ? (byte)1 : p.FormatVersion).Byte(0).Byte(p.Language);
        Fields(w, [p.Manufacturer, p.ProductName, p.PartNumber, p.Version, p.SerialNumber, p.AssetTag, p.FruFileId], p.Custom);
        return Pad(w.ToArray(), checksum: true);
    }

    private static void Fields(IpmiWriter w, FruField?[] mandatory, IReadOnlyList<FruField> custom)
    {
        foreach (var field in mandatory.Concat(custom))
        {
            if (field is null)
            {
                w.Byte(0xC0); // empty 8-bit field
            }
            else if (field.TypeLength == 0xC1)
            {
                throw new IpmiException(IpmiError.InvalidRequest, "a one-byte text field would read as the C1h end-of-fields marker; use another encoding");
            }
            else
            {
                w.Byte(field.TypeLength).Bytes(field.Data);
            }
        }
        w.Byte(0xC1);
    }

    /// <summary>Pads to a multiple of 8 (room for the checksum included) and sets the length byte and checksum.</summary>
    private static byte[] Pad(byte[] body, bool checksum)
    {
        int length = (body.Length + (checksum ? 1 : 0) + 7) / 8 * 8;
        if (length > MaxAreaBytes)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"FRU area of {length} bytes; at most {MaxAreaBytes} fit");
        }
        var area = new byte[length];
        body.CopyTo(area, 0);
        if (checksum)
        {
            area[1] = (byte)(length / 8);
            area[^1] = (byte)-FruInventory.Checksum(area.AsSpan(0, length - 1));
        }
        return area;
    }

    private static byte[] MultiRecordArea(List<FruMultiRecord> records)
    {
        var w = new IpmiWriter(64);
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Data.Length > byte.MaxValue)
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"multirecord type {r.TypeId:X2}h has {r.Data.Length} bytes; at most 255 fit");
            }
            Span<byte> header =
            [
                r.TypeId,
                (byte)((i == records.Count - 1 ? 0x80 : 0) | (r.FormatVersion & 0x0F)),
                (byte)r.Data.Length,
                (byte)-FruInventory.Checksum(r.Data),
                0,
            ];
            header[4] = (byte)-FruInventory.Checksum(header[..4]);
            w.Bytes(header).Bytes(r.Data);
        }
        return w.ToArray();
    }
}

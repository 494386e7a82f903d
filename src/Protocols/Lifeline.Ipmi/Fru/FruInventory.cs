namespace Lifeline.Ipmi.Fru;

// Platform Management FRU Information Storage Definition v1.0 rev 1.3
//
// §8 Common Header (Table 8-1), 8 bytes at offset 0; offsets in multiples of 8 bytes, 0 = area absent:
//   0  [7:4] reserved, [3:0] format version (1)
//   1  internal use area offset
//   2  chassis info area offset
//   3  board info area offset
//   4  product info area offset
//   5  multirecord area offset
//   6  PAD (00h)
//   7  zero checksum of bytes 0-6
//
// §9 Internal Use Area: 0 format version (1), 1.. data up to the next area.
//
// §10 Chassis Info Area (Table 10-1)           §11 Board Info Area (Table 11-1)
//   0  format version (1)                         0    format version (1)
//   1  length in multiples of 8 bytes             1    length in multiples of 8 bytes
//   2  chassis type (SMBIOS)                      2    language code
//   .  part number type/length + bytes           3-5  mfg date/time: minutes since 1996-01-01 00:00 UTC, LSB first
//   .  serial number type/length + bytes          .   manufacturer, product name, serial number, part number,
//   .  custom fields ..., C1h                         FRU file ID (each type/length + bytes), custom ..., C1h
//   .  00h padding, last byte zero checksum       .   00h padding, last byte zero checksum
//
// §12 Product Info Area (Table 12-1)
//   0 format version, 1 length, 2 language code, then manufacturer, product name, part/model number, version,
//   serial number, asset tag, FRU file ID, custom ..., C1h, padding, zero checksum
//
// §16 MultiRecord Area: records of a 5-byte header + data until the end-of-list bit:
//   0 record type ID, 1 [7] end of list, [3:0] record format version (2), 2 data length,
//   3 data zero checksum, 4 header zero checksum

/// <summary>
/// A decoded FRU inventory image. <see cref="Parse"/> keeps going past bad checksums, bad versions and truncated
/// areas, returning what it could read with a <see cref="Warnings"/> entry for each problem; it throws
/// <see cref="IpmiException"/> only when there is no usable common header.
/// </summary>
public sealed class FruInventory
{
    public const int HeaderSize = 8;

    public byte FormatVersion { get; init; } = 1;

    /// <summary>Internal use area data (after its version byte), or null.</summary>
    public byte[]? InternalUse { get; init; }

    public FruChassisInfo? Chassis { get; init; }
    public FruBoardInfo? Board { get; init; }
    public FruProductInfo? Product { get; init; }
    public IReadOnlyList<FruMultiRecord> MultiRecords { get; init; } = [];

    /// <summary>Problems met while parsing (checksums, truncation); empty for a clean image.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Writes this inventory back as an image (see <see cref="FruInventoryBuilder"/>).</summary>
    public byte[] Encode(int size = 0) => FruInventoryBuilder.From(this).Build(size);

    public static FruInventory Parse(ReadOnlySpan<byte> image)
    {
        if (image.Length < HeaderSize)
        {
            throw IpmiException.Malformed($"FRU image of {image.Length} bytes has no common header");
        }
        if ((image[0] & 0x0F) != 1)
        {
            throw IpmiException.Malformed($"FRU common header format version {image[0]:X2}h (expected 01h): not a FRU image");
        }
        var warnings = new List<string>();
        if (Checksum(image[..HeaderSize]) != 0)
        {
            warnings.Add($"common header checksum {image[7]:X2}h is wrong");
        }
        int[] offsets = [image[1] * 8, image[2] * 8, image[3] * 8, image[4] * 8, image[5] * 8];
        string[] names = ["internal use", "chassis info", "board info", "product info", "multirecord"];
        for (int i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] != 0 && offsets[i] >= image.Length)
            {
                warnings.Add($"{names[i]} area at offset {offsets[i]} is beyond the {image.Length}-byte image");
                offsets[i] = 0;
            }
        }

        return new FruInventory
        {
            FormatVersion = (byte)(image[0] & 0x0F),
            InternalUse = offsets[0] == 0 ? null : ReadInternalUse(image, offsets, warnings),
            Chassis = offsets[1] == 0 ? null : ReadChassis(Area(image, offsets[1], names[1], warnings), warnings),
            Board = offsets[2] == 0 ? null : ReadBoard(Area(image, offsets[2], names[2], warnings), warnings),
            Product = offsets[3] == 0 ? null : ReadProduct(Area(image, offsets[3], names[3], warnings), warnings),
            MultiRecords = offsets[4] == 0 ? [] : ReadMultiRecords(image, offsets[4], warnings),
            Warnings = warnings,
        };
    }

    internal static byte Checksum(ReadOnlySpan<byte> data)
    {
        byte sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }
        return sum;
    }

    private static byte[] ReadInternalUse(ReadOnlySpan<byte> image, int[] offsets, List<string> warnings)
    {
        int start = offsets[0];
        int end = image.Length;
        for (int i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] > start && offsets[i] < end)
            {
                end = offsets[i];
            }
        }
        if (image[start] != 1)
        {
            warnings.Add($"internal use area format version {image[start]:X2}h (expected 01h)");
        }
        return image[(start + 1)..end].ToArray();
    }

    /// <summary>The bytes of an info area (as far as present), checking version, length and checksum.</summary>
    private static ReadOnlySpan<byte> Area(ReadOnlySpan<byte> image, int offset, string name, List<string> warnings)
    {
        var rest = image[offset..];
        if (rest.Length < 2)
        {
            warnings.Add($"{name} area at offset {offset} is cut off after {rest.Length} byte(s)");
            return rest;
        }
        if (rest[0] != 1)
        {
            warnings.Add($"{name} area format version {rest[0]:X2}h (expected 01h)");
        }
        int length = rest[1] * 8;
        if (length == 0)
        {
            warnings.Add($"{name} area declares length 0; reading to the end of the image");
            return rest;
        }
        if (length > rest.Length)
        {
            warnings.Add($"{name} area declares {length} bytes but only {rest.Length} are present (truncated)");
            return rest;
        }
        var area = rest[..length];
        if (Checksum(area) != 0)
        {
            warnings.Add($"{name} area checksum {area[^1]:X2}h is wrong");
        }
        return area;
    }

    private static FruChassisInfo ReadChassis(ReadOnlySpan<byte> area, List<string> warnings)
    {
        var r = new FieldReader(area, 3, "chassis info", warnings);
        return new FruChassisInfo
        {
            FormatVersion = area.Length > 0 ? area[0] : (byte)0,
            ChassisType = area.Length > 2 ? area[2] : (byte)0,
            PartNumber = r.Next("part number"),
            SerialNumber = r.Next("serial number"),
            Custom = r.Custom(),
        };
    }

    private static FruBoardInfo ReadBoard(ReadOnlySpan<byte> area, List<string> warnings)
    {
        var r = new FieldReader(area, 6, "board info", warnings);
        DateTimeOffset? made = null;
        if (area.Length >= 6)
        {
            int minutes = area[3] | (area[4] << 8) | (area[5] << 16);
            made = minutes == 0 ? null : FruBoardInfo.Epoch.AddMinutes(minutes);
        }
        return new FruBoardInfo
        {
            FormatVersion = area.Length > 0 ? area[0] : (byte)0,
            Language = area.Length > 2 ? area[2] : (byte)0,
            ManufacturedAt = made,
            Manufacturer = r.Next("manufacturer"),
            ProductName = r.Next("product name"),
            SerialNumber = r.Next("serial number"),
            PartNumber = r.Next("part number"),
            FruFileId = r.Next("FRU file ID"),
            Custom = r.Custom(),
        };
    }

    private static FruProductInfo ReadProduct(ReadOnlySpan<byte> area, List<string> warnings)
    {
        var r = new FieldReader(area, 3, "product info", warnings);
        return new FruProductInfo
        {
            FormatVersion = area.Length > 0 ? area[0] : (byte)0,
            Language = area.Length > 2 ? area[2] : (byte)0,
            Manufacturer = r.Next("manufacturer"),
            ProductName = r.Next("product name"),
            PartNumber = r.Next("part/model number"),
            Version = r.Next("version"),
            SerialNumber = r.Next("serial number"),
            AssetTag = r.Next("asset tag"),
            FruFileId = r.Next("FRU file ID"),
            Custom = r.Custom(),
        };
    }

    private static List<FruMultiRecord> ReadMultiRecords(ReadOnlySpan<byte> image, int offset, List<string> warnings)
    {
        var records = new List<FruMultiRecord>();
        int pos = offset;
        while (true)
        {
            if (image.Length - pos < 5)
            {
                warnings.Add($"multirecord area ends at offset {pos} without an end-of-list record");
                return records;
            }
            var header = image.Slice(pos, 5);
            if (Checksum(header) != 0)
            {
                warnings.Add($"multirecord header at offset {pos} has a wrong checksum; records from here on are skipped");
                return records;
            }
            int length = header[2];
            var data = image.Slice(pos + 5, Math.Min(length, image.Length - pos - 5));
            var record = new FruMultiRecord(header[0], data.ToArray(), (byte)(header[1] & 0x0F)) { EndOfList = (header[1] & 0x80) != 0 };
            records.Add(record);
            if (data.Length < length)
            {
                warnings.Add($"multirecord type {header[0]:X2}h at offset {pos} declares {length} bytes but only {data.Length} are present (truncated)");
                return records;
            }
            if ((byte)(Checksum(data) + header[3]) != 0)
            {
                warnings.Add($"multirecord type {header[0]:X2}h at offset {pos} has a wrong data checksum");
            }
            if (record.EndOfList)
            {
                return records;
            }
            pos += 5 + length;
        }
    }

    /// <summary>Reads type/length fields of one area until the C1h end marker, recording what is missing.</summary>
    private ref struct FieldReader
    {
        private readonly ReadOnlySpan<byte> _area;
        private readonly string _name;
        private readonly List<string> _warnings;
        private int _position;
        private bool _ended;

        public FieldReader(ReadOnlySpan<byte> area, int start, string name, List<string> warnings)
        {
            _area = area;
            _position = start;
            _name = name;
            _warnings = warnings;
        }

        /// <summary>The next mandatory field, or null (with a warning) when the area ends first.</summary>
        public FruField? Next(string field)
        {
            var next = Read();
            if (next is null)
            {
                _warnings.Add($"{_name} area has no {field} field");
            }
            return next;
        }

        /// <summary>The custom fields up to the end marker.</summary>
        public List<FruField> Custom()
        {
            var list = new List<FruField>();
            while (Read() is { } field)
            {
                list.Add(field);
            }
            return list;
        }

        private FruField? Read()
        {
            if (_ended)
            {
                return null;
            }
            if (_position >= _area.Length)
            {
                _ended = true;
                _warnings.Add($"{_name} area ends without an end-of-fields marker (C1h)");
                return null;
            }
            byte typeLength = _area[_position];
            if (typeLength == 0xC1)
            {
                _ended = true;
                return null;
            }
            int length = typeLength & 0x3F;
            if (_position + 1 + length > _area.Length)
            {
                _ended = true;
                _warnings.Add($"{_name} area field at offset {_position} declares {length} bytes but the area ends first (truncated)");
                return null;
            }
            var field = FruField.Decode(typeLength, _area.Slice(_position + 1, length));
            _position += 1 + length;
            return field;
        }
    }
}

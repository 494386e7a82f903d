using System.Text;

namespace Lifeline.Ipmi.Fru;

/// <summary>
/// The type bits [7:6] of a type/length byte (Platform Management FRU Information Storage Definition v1.0 rev 1.3
/// §13, Table 13-1; the same byte codes SDR ID strings, IPMI v2.0 §43.15).
/// </summary>
public enum FruFieldEncoding : byte
{
    /// <summary>00b: binary or unspecified (FRU); Unicode (SDR ID strings, read as bytes like ipmitool).</summary>
    Binary = 0,
    /// <summary>01b: BCD plus: 0-9, space, dash, period.</summary>
    BcdPlus = 1,
    /// <summary>10b: 6-bit ASCII, packed (20h-5Fh, four characters in three bytes).</summary>
    SixBitAscii = 2,
    /// <summary>11b: 8-bit ASCII + Latin-1 (language English), or Unicode for other languages (not decoded).</summary>
    Text = 3,
}

// FRU spec §13 Table 13-1, type/length byte:
//   [7:6] type code (FruFieldEncoding)
//   [5:0] number of data bytes (SDR ID strings: [4:0], at most 16 bytes)
//   C1h (type 11b, length 1) is the end-of-fields marker in FRU areas; C0h is an empty text field.
//
// 6-bit packed ASCII (FRU §13.2): characters 20h-5Fh minus 20h, packed LSB first:
//   byte 0: [5:0] char 1, [7:6] char 2 [1:0]
//   byte 1: [3:0] char 2 [5:2], [7:4] char 3 [3:0]
//   byte 2: [1:0] char 3 [5:4], [7:2] char 4
// BCD plus: one character per nibble, high nibble first: 0h-9h digits, Ah space, Bh dash, Ch period, Dh-Fh reserved.

/// <summary>One type/length-coded field: its encoding, its wire bytes and the decoded text.</summary>
public sealed class FruField
{
    private const string BcdPlusChars = "0123456789 -.???";

    private FruField(FruFieldEncoding encoding, byte[] data, string text)
    {
        Encoding = encoding;
        Data = data;
        Text = text;
    }

    public FruFieldEncoding Encoding { get; }

    /// <summary>The bytes after the type/length byte.</summary>
    public byte[] Data { get; }

    /// <summary>The decoded text; binary fields are shown as lowercase hex (as ipmitool does).</summary>
    public string Text { get; }

    /// <summary>The type/length byte this field is written with.</summary>
    public byte TypeLength => (byte)(((byte)Encoding << 6) | Data.Length);

    public override string ToString() => Text;

    public static implicit operator FruField(string text) => FromText(text);

    /// <summary>Decodes a field from its type/length byte and data bytes.</summary>
    public static FruField Decode(byte typeLength, ReadOnlySpan<byte> data)
    {
        var encoding = (FruFieldEncoding)(typeLength >> 6);
        return new FruField(encoding, data.ToArray(), DecodeText(encoding, data));
    }

    /// <summary>A field holding <paramref name="text"/> in the given encoding (8-bit text by default).</summary>
    public static FruField FromText(string text, FruFieldEncoding encoding = FruFieldEncoding.Text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] data = encoding switch
        {
            FruFieldEncoding.Text => EncodeLatin1(text),
            FruFieldEncoding.SixBitAscii => EncodeSixBit(text),
            FruFieldEncoding.BcdPlus => EncodeBcdPlus(text),
            _ => throw new IpmiException(IpmiError.InvalidRequest, "use FromBytes for binary FRU fields"),
        };
        if (data.Length > 63)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"FRU field \"{text}\" needs {data.Length} bytes; a type/length byte holds at most 63");
        }
        return new FruField(encoding, data, DecodeText(encoding, data));
    }

    /// <summary>A binary (type 00b) field.</summary>
    public static FruField FromBytes(ReadOnlySpan<byte> data)
    {
        if (data.Length > 63)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"FRU field of {data.Length} bytes; a type/length byte holds at most 63");
        }
        return new FruField(FruFieldEncoding.Binary, data.ToArray(), DecodeText(FruFieldEncoding.Binary, data));
    }

    /// <summary>
    /// Decodes bytes of the given encoding. Padding that packed encodings need (a trailing 6-bit or BCD space) is
    /// trimmed, so text written by <see cref="FromText"/> reads back unchanged.
    /// </summary>
    public static string DecodeText(FruFieldEncoding encoding, ReadOnlySpan<byte> data)
    {
        switch (encoding)
        {
            case FruFieldEncoding.Binary:
                return Convert.ToHexStringLower(data);
            case FruFieldEncoding.BcdPlus:
            {
                var sb = new StringBuilder(data.Length * 2);
                foreach (byte b in data)
                {
                    sb.Append(BcdPlusChars[b >> 4]).Append(BcdPlusChars[b & 0x0F]);
                }
                return sb.ToString().TrimEnd(' ');
            }
            case FruFieldEncoding.SixBitAscii:
            {
                int chars = data.Length * 8 / 6;
                var sb = new StringBuilder(chars);
                for (int i = 0; i < chars; i++)
                {
                    int bit = i * 6;
                    int value = data[bit / 8] >> (bit % 8);
                    if (bit % 8 > 2)
                    {
                        value |= data[(bit / 8) + 1] << (8 - (bit % 8));
                    }
                    sb.Append((char)(0x20 + (value & 0x3F)));
                }
                return sb.ToString().TrimEnd(' ');
            }
            default:
                return System.Text.Encoding.Latin1.GetString(data);
        }
    }

    private static byte[] EncodeLatin1(string text)
    {
        foreach (char c in text)
        {
            if (c > 0xFF)
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"FRU text \"{text}\" has a character outside Latin-1");
            }
        }
        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    private static byte[] EncodeSixBit(string text)
    {
        var bytes = new byte[((text.Length * 6) + 7) / 8];
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToUpperInvariant(text[i]);
            if (c is < ' ' or > '_')
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"\"{text}\" has '{text[i]}', not in 6-bit ASCII (20h-5Fh)");
            }
            int value = c - 0x20;
            int bit = i * 6;
            bytes[bit / 8] |= (byte)(value << (bit % 8));
            if (bit % 8 > 2)
            {
                bytes[(bit / 8) + 1] |= (byte)(value >> (8 - (bit % 8)));
            }
        }
        return bytes;
    }

    private static byte[] EncodeBcdPlus(string text)
    {
        var bytes = new byte[(text.Length + 1) / 2];
        for (int i = 0; i < bytes.Length * 2; i++)
        {
            int nibble = i < text.Length ? BcdPlusChars.IndexOf(text[i], StringComparison.Ordinal) : 0x0A;
            if (nibble is < 0 or > 0x0C)
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"\"{text}\" has '{text[i]}', not in BCD plus (0-9, space, dash, period)");
            }
            bytes[i / 2] |= (byte)(i % 2 == 0 ? nibble << 4 : nibble);
        }
        return bytes;
    }
}

using System.Globalization;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Tests.Vectors;

namespace Lifeline.Ipmi.Tests.Fru;

public class FruInventoryTests
{
    private static FruInventory Captured() => FruInventory.Parse(IpmiSimVectors.Bytes("fru.bin"));

    [Fact]
    public void CapturedImageParsesWithoutWarnings()
    {
        var fru = Captured();
        Assert.Empty(fru.Warnings);
        Assert.NotNull(fru.Chassis);
        Assert.NotNull(fru.Board);
        Assert.NotNull(fru.Product);
        Assert.Null(fru.InternalUse);
        Assert.Empty(fru.MultiRecords);
    }

    [Fact]
    public void FieldsMatchIpmitoolFruPrint()
    {
        var fru = Captured();
        var printed = IpmiSimVectors.Lines("fru-print.txt").Skip(1)
            .Select(l => l.Split(" : ", 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var c = fru.Chassis!;
        var b = fru.Board!;
        var p = fru.Product!;
        Assert.Equal(printed["Chassis Type"], c.ChassisTypeText);
        Assert.Equal(printed["Chassis Part Number"], c.PartNumber?.Text);
        Assert.Equal(printed["Chassis Serial"], c.SerialNumber?.Text);
        Assert.Equal(printed["Board Mfg Date"], b.ManufacturedAt!.Value.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " UTC");
        Assert.Equal(printed["Board Mfg"], b.Manufacturer?.Text);
        Assert.Equal(printed["Board Product"], b.ProductName?.Text);
        Assert.Equal(printed["Board Serial"], b.SerialNumber?.Text);
        Assert.Equal(printed["Board Part Number"], b.PartNumber?.Text);
        Assert.Equal(printed["Product Manufacturer"], p.Manufacturer?.Text);
        Assert.Equal(printed["Product Name"], p.ProductName?.Text);
        Assert.Equal(printed["Product Part Number"], p.PartNumber?.Text);
        Assert.Equal(printed["Product Version"], p.Version?.Text);
        Assert.Equal(printed["Product Serial"], p.SerialNumber?.Text);
        Assert.Equal(printed["Product Asset Tag"], p.AssetTag?.Text);
    }

    [Fact]
    public void FieldsMatchFreeIpmiFru()
    {
        // FreeIPMI also prints the FRU file IDs ipmitool leaves out without -v.
        var fru = Captured();
        string[] lines = IpmiSimVectors.Lines("freeipmi-fru.txt").Select(l => l.Trim()).ToArray();
        Assert.Contains($"FRU Board Manufacturing Date/Time: {fru.Board!.ManufacturedAt!.Value.ToString("MM/dd/yy - HH:mm:ss", CultureInfo.InvariantCulture)}", lines);
        Assert.Equal(2, lines.Count(l => l == "FRU FRU File ID: fru-v1"));
        Assert.Equal("fru-v1", fru.Board.FruFileId?.Text);
        Assert.Equal("fru-v1", fru.Product!.FruFileId?.Text);
        Assert.Contains($"FRU Product Part/Model Number: {fru.Product.PartNumber}", lines);
    }

    [Fact]
    public void BoardDateCountsMinutesFrom1996()
    {
        // gen-fru.py writes 14,000,000 minutes: 1996-01-01 + 14e6 min = 2022-08-14 05:20 UTC.
        Assert.Equal(new DateTimeOffset(2022, 8, 14, 5, 20, 0, TimeSpan.Zero), Captured().Board!.ManufacturedAt);
    }

    [Fact]
    public void BuilderWritesTheSameImageAsTheCapture()
    {
        // The simulator's image came from gen-fru.py; re-encoding our parse gives byte-identical output.
        byte[] image = IpmiSimVectors.Bytes("fru.bin");
        Assert.Equal(image, Captured().Encode(image.Length));
    }

    [Fact]
    public void BuiltImageWithEveryAreaRoundTrips()
    {
        byte[] image = new FruInventoryBuilder()
            .WithInternalUse([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77])
            .WithChassis(0x17, "CH-1", FruField.FromText("12-34.5", FruFieldEncoding.BcdPlus), "custom one")
            .WithBoard(new DateTimeOffset(2024, 2, 29, 23, 59, 0, TimeSpan.Zero), "Acme", FruField.FromText("BOARD X", FruFieldEncoding.SixBitAscii),
                "B123", "P-9", FruField.FromBytes([0xDE, 0xAD]), "extra")
            .WithProduct("Acme", "Server", "SRV-1", "2.0", "S456", "", null)
            .WithMultiRecord(0x00, [1, 2, 3, 4, 5])
            .WithMultiRecord(0xC0, [0x57, 0x01, 0x00, 0xFF])
            .Build(512);
        Assert.Equal(512, image.Length);

        var fru = FruInventory.Parse(image);
        Assert.Empty(fru.Warnings);
        Assert.Equal([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77], fru.InternalUse);
        Assert.Equal("Rack Mount Chassis", fru.Chassis!.ChassisTypeText);
        Assert.Equal("12-34.5", fru.Chassis.SerialNumber?.Text);
        Assert.Equal(FruFieldEncoding.BcdPlus, fru.Chassis.SerialNumber?.Encoding);
        Assert.Equal(["custom one"], fru.Chassis.Custom.Select(f => f.Text));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 0, TimeSpan.Zero), fru.Board!.ManufacturedAt);
        Assert.Equal("BOARD X", fru.Board.ProductName?.Text);
        Assert.Equal(FruFieldEncoding.SixBitAscii, fru.Board.ProductName?.Encoding);
        Assert.Equal("dead", fru.Board.FruFileId?.Text);
        Assert.Equal("", fru.Product!.AssetTag?.Text);
        Assert.Equal("", fru.Product.FruFileId?.Text); // not given: written empty (C0h)
        Assert.Equal(2, fru.MultiRecords.Count);
        Assert.Equal([1, 2, 3, 4, 5], fru.MultiRecords[0].Data);
        Assert.True(fru.MultiRecords[1].EndOfList);
        Assert.Equal(image, fru.Encode(512));
    }

    [Fact]
    public void BcdPlusFieldHoldsDigitsSpaceDashAndPeriod()
    {
        var field = FruField.FromText("12-3.4 5", FruFieldEncoding.BcdPlus);
        Assert.Equal([0x12, 0xB3, 0xC4, 0xA5], field.Data);
        Assert.Equal(0x44, field.TypeLength);
        Assert.Equal("12-3.4 5", FruField.Decode(field.TypeLength, field.Data).Text);
        Assert.Throws<IpmiException>(() => FruField.FromText("12a", FruFieldEncoding.BcdPlus));
    }

    [Fact]
    public void SixBitFieldDecodesPackedCharacters()
    {
        // FRU spec §13.2 packing, "IPMI": 29h 30h 2Dh 29h → 29h | 30h<<6 | 2Dh<<12 | 29h<<18 = A6DC29h
        var field = FruField.Decode(0x83, [0x29, 0xDC, 0xA6]);
        Assert.Equal("IPMI", field.Text);
        Assert.Equal(FruFieldEncoding.SixBitAscii, field.Encoding);
    }

    [Fact]
    public void BinaryFieldsShowAsHex()
    {
        Assert.Equal("0102ff", FruField.Decode(0x03, [0x01, 0x02, 0xFF]).Text);
    }

    [Fact]
    public void Latin1TextDecodes()
    {
        Assert.Equal("Müller", FruField.Decode(0xC6, [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]).Text);
    }

    [Fact]
    public void BadAreaChecksumIsAWarningNotAFailure()
    {
        byte[] image = IpmiSimVectors.Bytes("fru.bin");
        image[0x1B] ^= 0x01; // inside the chassis serial number: "CHS9633" → "CHS8633"
        var fru = FruInventory.Parse(image);
        Assert.Contains(fru.Warnings, w => w.Contains("chassis info area checksum", StringComparison.Ordinal));
        Assert.Equal("CH-PART-100", fru.Chassis!.PartNumber?.Text);
        Assert.Equal("OOB Labs", fru.Board!.Manufacturer?.Text);
    }

    [Fact]
    public void BadHeaderChecksumIsAWarning()
    {
        byte[] image = IpmiSimVectors.Bytes("fru.bin");
        image[7] ^= 0xFF;
        var fru = FruInventory.Parse(image);
        Assert.Contains(fru.Warnings, w => w.Contains("common header checksum", StringComparison.Ordinal));
        Assert.Equal("SimServer 1U", fru.Product!.ProductName?.Text);
    }

    [Fact]
    public void TruncatedImageReturnsWhatParsedWithWarnings()
    {
        byte[] image = IpmiSimVectors.Bytes("fru.bin")[..0x80]; // cuts the product area after its name
        var fru = FruInventory.Parse(image);
        Assert.Equal("BRD-PART-200", fru.Board!.PartNumber?.Text);
        Assert.Equal("OOB Labs", fru.Product!.Manufacturer?.Text);
        Assert.Null(fru.Product.SerialNumber);
        Assert.Contains(fru.Warnings, w => w.Contains("product info area declares", StringComparison.Ordinal));
        Assert.Contains(fru.Warnings, w => w.Contains("no serial number field", StringComparison.Ordinal));
    }

    [Fact]
    public void AreaOffsetBeyondTheImageIsAWarning()
    {
        byte[] image = IpmiSimVectors.Bytes("fru.bin")[..0x60];
        var fru = FruInventory.Parse(image);
        Assert.Null(fru.Product);
        Assert.Contains(fru.Warnings, w => w.Contains("product info area at offset 104 is beyond", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingEndMarkerIsAWarning()
    {
        byte[] image = new FruInventoryBuilder().WithChassis(1, "PN", "SN").Build();
        int c1 = Array.LastIndexOf(image, (byte)0xC1);
        image[c1] = 0x00; // now the area's padding reads as empty binary fields up to the checksum
        image[^1] = (byte)(image[^1] + 0xC1);
        var fru = FruInventory.Parse(image);
        Assert.Contains(fru.Warnings, w => w.Contains("without an end-of-fields marker", StringComparison.Ordinal) || w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void BadMultiRecordChecksumsAreWarnings()
    {
        byte[] image = new FruInventoryBuilder().WithMultiRecord(0x01, [1, 2, 3]).Build();
        image[^1] ^= 0x55; // data byte
        var fru = FruInventory.Parse(image);
        Assert.Single(fru.MultiRecords);
        Assert.Contains(fru.Warnings, w => w.Contains("wrong data checksum", StringComparison.Ordinal));
    }

    [Fact]
    public void ImageWithoutFruHeaderThrowsIpmiException()
    {
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => FruInventory.Parse(new byte[7])).Error);
        byte[] blank = Enumerable.Repeat((byte)0xFF, 256).ToArray(); // an erased EEPROM
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => FruInventory.Parse(blank)).Error);
    }

    [Fact]
    public void BuilderRefusesWhatDoesNotFit()
    {
        Assert.Throws<IpmiException>(() => FruField.FromText(new string('x', 64)));
        Assert.Throws<IpmiException>(() => new FruInventoryBuilder().WithChassis(1, "PN", "SN").Build(16));
        Assert.Throws<IpmiException>(() => new FruInventoryBuilder().WithBoard(new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), "a", "b", "c", "d").Build());
        Assert.Throws<IpmiException>(() => new FruInventoryBuilder().WithChassis(1, "PN", "SN", "X").Build()); // "X" alone is C1h
    }
}

using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Tests.Vectors;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Fru;

public class FruFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 50_000;

    [Fact]
    public void MutatedFruImagesOnlyEverThrowIpmiException()
    {
        byte[] captured = IpmiSimVectors.Bytes("fru.bin");
        byte[] everything = new FruInventoryBuilder()
            .WithInternalUse([1, 2, 3, 4, 5, 6, 7])
            .WithChassis(0x17, "CH", FruField.FromText("12-34", FruFieldEncoding.BcdPlus), "custom")
            .WithBoard(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), "Mfg", FruField.FromText("SIXBIT", FruFieldEncoding.SixBitAscii), "SN", "PN", FruField.FromBytes([9, 9]))
            .WithProduct("Mfg", "Name", "PN", "1.0", "SN", "Tag", "Id", "extra")
            .WithMultiRecord(0x01, [1, 2, 3])
            .WithMultiRecord(0xC0, [0x57, 0x01, 0x00])
            .Build();
        // header offsets, area length bytes and a few type/length bytes of the capture
        int[] trusted = [1, 2, 3, 4, 5, 7, 9, 11, 0x29, 0x2F, 0x69, 0x6B];
        var mutator = new Mutator(seed: 1996);
        int mutatedChecksums = 0;
        FuzzRunner.Run(output, "FruInventory.Parse", Inputs,
            i => mutator.Mutate(i % 3 == 0 ? everything : captured, trusted),
            data =>
            {
                var fru = FruInventory.Parse(data);
                mutatedChecksums += fru.Warnings.Count > 0 ? 1 : 0;
                _ = fru.Chassis?.ChassisTypeText;
                _ = fru.Board?.ManufacturedAt;
                _ = fru.Product?.AssetTag?.Text;
                // what parsed must write back (or be refused with IpmiException), and read again
                _ = FruInventory.Parse(fru.Encode());
            });
        output.WriteLine($"{mutatedChecksums} images parsed with warnings");
    }
}

using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;
using ModelFru = Lifeline.Simulator.Model.FruInventory;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Storage (NetFn 0Ah), FRU inventory device 0 (§34): the model's structured FRU, encoded once per node.
public sealed partial class IpmiCommandDispatcher
{
    /// <summary>FRU device 0 is this large: a common EEPROM size, zero-filled after the areas.</summary>
    public const int FruDeviceSize = 256;

    private byte[]? _fru;

    private static IEnumerable<Command> FruCommands() =>
    [
        new(NetFn.Storage, 0x10, "Get FRU Inventory Area Info", 1, 1, static (d, _, data) => d.GetFruInventoryAreaInfo(data)),
        new(NetFn.Storage, 0x11, "Read FRU Data", 4, 4, static (d, _, data) => d.ReadFruData(data)),
    ];

    /// <summary>FRU device 0 as the face serves it.</summary>
    public byte[] FruImage => _fru ??= EncodeFru(_model.Fru);

    /// <summary>The FRU spec image of a model FRU: chassis, board and product info areas.</summary>
    public static byte[] EncodeFru(ModelFru fru)
    {
        ArgumentNullException.ThrowIfNull(fru);
        var builder = new FruInventoryBuilder
        {
            Chassis = new FruChassisInfo
            {
                ChassisType = fru.Chassis.Type,
                PartNumber = fru.Chassis.PartNumber,
                SerialNumber = fru.Chassis.SerialNumber,
            },
            Board = new FruBoardInfo
            {
                ManufacturedAt = fru.Board.ManufacturedAt,
                Manufacturer = fru.Board.Manufacturer,
                ProductName = fru.Board.ProductName,
                SerialNumber = fru.Board.SerialNumber,
                PartNumber = fru.Board.PartNumber,
            },
            Product = new FruProductInfo
            {
                Manufacturer = fru.Product.Manufacturer,
                ProductName = fru.Product.Name,
                PartNumber = fru.Product.PartNumber,
                Version = fru.Product.Version,
                SerialNumber = fru.Product.SerialNumber,
                AssetTag = fru.Product.AssetTag,
            },
        };
        var image = builder.Build();
        return image.Length < FruDeviceSize ? builder.Build(FruDeviceSize) : image;
    }

    // §34.1 Get FRU Inventory Area Info: device 0 only, byte access.
    private IpmiResponse GetFruInventoryAreaInfo(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Storage.GetFruInventoryAreaInfo.Read(data);
        return request.FruDeviceId != 0
            ? Fail(CompletionCode.RequestedDataNotPresent)
            : Ok(new FruInventoryAreaInfoResponse((ushort)FruImage.Length, AccessByWords: false).Write);
    }

    // §34.2 Read FRU Data: CAh above the read limit, C9h at an offset past the end; a read running over the end
    // returns what is there.
    private IpmiResponse ReadFruData(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Storage.ReadFruData.Read(data);
        if (request.FruDeviceId != 0)
        {
            return Fail(CompletionCode.RequestedDataNotPresent);
        }
        var image = FruImage;
        if (request.Offset >= image.Length)
        {
            return Fail(CompletionCode.ParameterOutOfRange);
        }
        return ReadChunk(image, request.Offset, request.Count, entire: null, out var chunk) is { } failure
            ? failure
            : Ok(new ReadFruDataResponse((byte)chunk.Length, chunk).Write);
    }
}

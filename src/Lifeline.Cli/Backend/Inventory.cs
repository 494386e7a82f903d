namespace Lifeline.Cli.Backend;

/// <summary>FRU Chassis Info Area (Platform Management FRU Information Storage Definition v1.0 §10).</summary>
public sealed record FruChassis(string? Type, string? PartNumber, string? SerialNumber, IReadOnlyList<string>? Extra = null);

/// <summary>FRU Board Info Area (§11).</summary>
public sealed record FruBoard(
    DateTimeOffset? ManufacturedAt,
    string? Manufacturer,
    string? ProductName,
    string? SerialNumber,
    string? PartNumber,
    IReadOnlyList<string>? Extra = null);

/// <summary>FRU Product Info Area (§12).</summary>
public sealed record FruProduct(
    string? Manufacturer,
    string? Name,
    string? PartNumber,
    string? Version,
    string? SerialNumber,
    string? AssetTag,
    IReadOnlyList<string>? Extra = null);

/// <summary>The inventory of FRU device 0; an area the FRU lacks is null.</summary>
public sealed record InventoryResult(FruChassis? Chassis, FruBoard? Board, FruProduct? Product);

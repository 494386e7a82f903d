using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

public sealed record DriveSummary(string Name, string? Model, string? SerialNumber, double? CapacityBytes, Health? Health, string Source);

public sealed record FirmwareVersion(string Id, string? Name, string? Version, bool? Updateable, string Source);

/// <summary>What the fleet inventory keeps of one system.</summary>
public sealed record SystemInventory(
    string? Manufacturer,
    string? Model,
    string? SerialNumber,
    string? BiosVersion,
    IReadOnlyList<Processor> Processors,
    IReadOnlyList<Memory> Memory,
    IReadOnlyList<DriveSummary> Drives,
    IReadOnlyList<EthernetInterface> Nics,
    IReadOnlyList<FirmwareVersion> Firmware);

public sealed partial class RedfishBmc
{
    public async Task<SystemInventory> GetInventoryAsync(string? systemId = null, CancellationToken ct = default)
    {
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        var processors = await ListAsync<Processor>(system.Processors, ct).ConfigureAwait(false);
        var memory = (await ListAsync<Memory>(system.Memory, ct).ConfigureAwait(false))
            .Where(m => m.Status?.State is not State.Absent).ToList();
        var nics = await ListAsync<EthernetInterface>(system.EthernetInterfaces, ct).ConfigureAwait(false);
        var drives = new List<DriveSummary>();
        foreach (var storage in await ListAsync<Storage>(system.Storage, ct).ConfigureAwait(false))
        {
            foreach (var link in storage.Drives ?? [])
            {
                if (link.ODataId is { } path && await TryGetAsync<Drive>(path, ct).ConfigureAwait(false) is { } d)
                {
                    drives.Add(new DriveSummary(d.Name ?? d.Id ?? "?", d.Model, d.SerialNumber, d.CapacityBytes, d.Status?.Health, path));
                }
            }
        }
        foreach (var simple in await ListAsync<SimpleStorage>(system.SimpleStorage, ct).ConfigureAwait(false))
        {
            foreach (var d in simple.Devices ?? [])
            {
                if (d.Status?.State is not State.Absent)
                {
                    drives.Add(new DriveSummary(d.Name ?? "?", d.Model, null, d.CapacityBytes, d.Status?.Health, simple.ODataId ?? ""));
                }
            }
        }
        IReadOnlyList<FirmwareVersion> firmware;
        try
        {
            firmware = await GetFirmwareInventoryAsync(ct).ConfigureAwait(false);
        }
        catch (RedfishException e) when (e.Error == RedfishError.NotSupported)
        {
            firmware = [];
        }
        return new SystemInventory(system.Manufacturer, system.Model, system.SerialNumber, system.BiosVersion,
            processors, memory, drives, nics, firmware);
    }

    /// <summary>UpdateService.FirmwareInventory: every component's version.</summary>
    public async Task<IReadOnlyList<FirmwareVersion>> GetFirmwareInventoryAsync(CancellationToken ct = default)
    {
        var root = await Client.GetServiceRootAsync(ct).ConfigureAwait(false);
        var update = await RequireAsync<UpdateService>(root.UpdateService, "UpdateService", ct).ConfigureAwait(false);
        if (update.FirmwareInventory is null)
        {
            throw new RedfishException(RedfishError.NotSupported, "the UpdateService has no FirmwareInventory");
        }
        return (await ListAsync<SoftwareInventory>(update.FirmwareInventory, ct).ConfigureAwait(false))
            .Select(s => new FirmwareVersion(s.Id ?? "?", s.Name, s.Version, s.Updateable, s.ODataId ?? ""))
            .ToList();
    }
}

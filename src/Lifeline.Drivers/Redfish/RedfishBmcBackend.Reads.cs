using System.Globalization;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;
using RfSensorStatus = Lifeline.Redfish.Operations.SensorStatus;

namespace Lifeline.Drivers.Redfish;

// sensors — Chassis Sensors (or legacy Thermal/Power), normalised by RedfishBmc.ReadSensorsAsync; sel — the first
// system's LogService (LogEntry.v1_16_0) and its LogService.ClearLog action; inventory — ComputerSystem and its
// collections; bmc info — the first Manager and ServiceRoot.RedfishVersion.
public sealed partial class RedfishBmcBackend
{
    public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var readings = await bmc.ReadSensorsAsync(ct: cancellationToken).ConfigureAwait(false);
            return new SensorsResult(readings.Select(Map).ToList());
        });

    internal static SensorReadingResult Map(SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        string? unit = reading.Unit switch
        {
            "Cel" => "degrees C",
            "RPM" => "RPM",
            "V" => "Volts",
            "W" => "Watts",
            "A" => "Amps",
            "%" => "percent",
            "" => null,
            var u => u,
        };
        var status = reading.Status switch
        {
            RfSensorStatus.Warning => SensorStatus.Warning,
            RfSensorStatus.Critical => SensorStatus.Critical,
            RfSensorStatus.Unavailable => SensorStatus.Unavailable,
            _ => SensorStatus.Ok,
        };
        return new SensorReadingResult(reading.Name, reading.Kind.ToString(), reading.Value, unit, status);
    }

    public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var service = await SystemLogAsync(bmc, cancellationToken).ConfigureAwait(false);
            var read = await bmc.ReadLogEntriesAsync(service, ct: cancellationToken).ConfigureAwait(false);
            return new SelResult(read.Entries.Select((e, i) => Map(e, i)).ToList());
        });

    public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var service = await SystemLogAsync(bmc, cancellationToken).ConfigureAwait(false);
            await bmc.ClearLogAsync(service, cancellationToken).ConfigureAwait(false);
            return new ActionResult($"log {service.Id ?? service.Name ?? "?"} cleared");
        });

    /// <summary>The system's event log: the SEL-typed service if there is one, else the first under the system.</summary>
    private static async Task<LogService> SystemLogAsync(RedfishBmc bmc, CancellationToken cancellationToken)
    {
        var system = await bmc.GetSystemAsync(ct: cancellationToken).ConfigureAwait(false);
        var services = await bmc.ListAsync<LogService>(system.LogServices, cancellationToken).ConfigureAwait(false);
        return services.FirstOrDefault(s => string.Equals(s.Id, "SEL", StringComparison.OrdinalIgnoreCase))
            ?? services.FirstOrDefault()
            ?? throw new Lifeline.Redfish.RedfishException(Lifeline.Redfish.RedfishError.NotSupported, $"{system.ODataId} has no LogServices");
    }

    internal static SelEvent Map(LogEntry entry, int index)
    {
        ArgumentNullException.ThrowIfNull(entry);
        int id = int.TryParse(entry.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : index + 1;
        var severity = entry.Severity switch
        {
            Health.Critical => EventSeverity.Critical,
            Health.Warning => EventSeverity.Warning,
            _ => EventSeverity.Info,
        };
        return new SelEvent(id, entry.CreatedTime, entry.SensorType ?? entry.MessageId ?? "", entry.Message ?? entry.Name ?? "", severity);
    }

    public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var system = await bmc.GetSystemAsync(ct: cancellationToken).ConfigureAwait(false);
            var inventory = await bmc.GetInventoryAsync(ct: cancellationToken).ConfigureAwait(false);
            static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrEmpty(p)));
            var components = new SystemComponents(
                system.BiosVersion,
                system.SKU,
                system.UUID,
                inventory.Processors.Select(p => $"{p.Id ?? p.Name}: " + Join(p.Model ?? p.Manufacturer,
                    p.TotalCores is { } c ? $"{c} cores" : null)).ToList(),
                inventory.Memory.Select(m => $"{m.DeviceLocator ?? m.Id ?? m.Name}: " + Join(
                    m.CapacityMiB is { } mib ? $"{mib.ToString(CultureInfo.InvariantCulture)} MiB" : null, m.MemoryDeviceType)).ToList(),
                inventory.Drives.Select(d => $"{d.Name}: " + Join(d.Model,
                    d.CapacityBytes is { } b ? $"{(b / 1e9).ToString("0.#", CultureInfo.InvariantCulture)} GB" : null, d.SerialNumber)).ToList(),
                inventory.Nics.Select(e => $"{e.Id ?? e.Name}: " + Join(e.MACAddress ?? e.PermanentMACAddress, e.LinkStatus)).ToList(),
                inventory.Firmware.Select(f => new FirmwareComponent(f.Id, f.Name, f.Version, f.Updateable)).ToList());
            var product = new FruProduct(system.Manufacturer, system.Model, system.PartNumber, null, system.SerialNumber, null);
            return new InventoryResult(null, null, product) { Components = components };
        });

    public Task<BmcHealthResult> GetBmcHealthAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var report = await bmc.GetHealthAsync(cancellationToken).ConfigureAwait(false);
            string Word(Health h) => h switch
            {
                Health.OK => "ok",
                Health.Warning => "warning",
                Health.Critical => "critical",
                _ => "unknown",
            };
            return new BmcHealthResult(Word(report.Overall), report.Failing.Select(f => $"{f.Name}: {f.Health}").Distinct(StringComparer.Ordinal).ToList());
        });

    public Task<BmcInfoResult> GetBmcInfoAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var root = await bmc.Client.GetServiceRootAsync(cancellationToken).ConfigureAwait(false);
            var manager = await bmc.GetManagerAsync(ct: cancellationToken).ConfigureAwait(false);
            Guid? guid = Guid.TryParse(manager.UUID, out var g) ? g : null;
            return new BmcInfoResult(0, 0, manager.FirmwareVersion ?? "", "", 0, manager.Manufacturer, 0, guid)
            {
                Redfish = new RedfishManagerInfo(root.RedfishVersion, manager.Manufacturer, manager.Model, manager.FirmwareVersion, manager.UUID),
            };
        });
}

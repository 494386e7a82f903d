using Lifeline.Drivers;
using System.Globalization;
using System.Text;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Cli.Output;

/// <summary>
/// How one verb's result looks: as table lines (identical lines collate across nodes) and as the verb's JSON line.
/// </summary>
public interface IResultView<T>
{
    /// <summary>The lines for one node that succeeded; one line prints after the node range, several as a block.</summary>
    IReadOnlyList<string> Lines(T value);

    /// <summary>True for list results with entries (sensors, SEL, inventory): a block under the node range even when one line long.</summary>
    bool IsBlock(T value) => false;

    /// <summary>A JSON line with the verb's field set from <paramref name="value"/>, or left null when it is null (failure).</summary>
    NodeLine Json(T? value);
}

/// <summary>The views of every verb, and the words used for enum values in output.</summary>
public static class ResultViews
{
    public static readonly IResultView<PowerResult> Power = new PowerView();
    public static readonly IResultView<BootResult> Boot = new BootView();
    public static readonly IResultView<SensorsResult> Sensors = new SensorsView();
    public static readonly IResultView<SelResult> Sel = new SelView();
    public static readonly IResultView<InventoryResult> Inventory = new InventoryView();
    public static readonly IResultView<BmcInfoResult> BmcInfo = new BmcInfoView();
    public static readonly IResultView<RawResult> Raw = new RawView();
    public static readonly IResultView<DiscoverResult> Discover = new DiscoverView();
    public static readonly IResultView<ActionResult> Action = new ActionView();

    /// <summary>"NonRecoverable" → "non-recoverable", "Pxe" → "pxe".</summary>
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => FailureClassifier.ToKebab(value.ToString());

    /// <summary>The table line of a failed node: <c>error timeout: no answer after 3 retries (next: …)</c>.</summary>
    public static string ErrorLine(NodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var line = $"error {error.Category}: {FailureClassifier.OneLine(error.Message)}";
        return error.NextStep is { Length: > 0 } next ? $"{line} (next: {FailureClassifier.OneLine(next)})" : line;
    }

    internal static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class PowerView : IResultView<PowerResult>
    {
        public IReadOnlyList<string> Lines(PowerResult value) => [value switch
        {
            { Action: null, State: { } s } => Word(s),
            { Action: null, State: null } => "unknown",
            { Action: { } a, State: { } s } => $"{Word(a)} sent; power is {Word(s)}",
            { Action: { } a } => $"{Word(a)} sent",
        }];

        public NodeLine Json(PowerResult? value) => new PowerLine
        {
            State = value?.State is { } s ? Word(s) : null,
            Action = value?.Action is { } a ? Word(a) : null,
        };
    }

    private sealed class BootView : IResultView<BootResult>
    {
        public IReadOnlyList<string> Lines(BootResult value) => [value.Device == BootDevice.None
            ? "no override (boot as set up in the BIOS)"
            : $"{Word(value.Device)}, {(value.Persistent ? "persistent" : "next boot only")}, {(value.Efi ? "EFI" : "legacy BIOS")}"];

        public NodeLine Json(BootResult? value) => new BootLine
        {
            Boot = value is null ? null : new BootJson { Device = Word(value.Device), Persistent = value.Persistent, Efi = value.Efi },
        };
    }

    private sealed class SensorsView : IResultView<SensorsResult>
    {
        public bool IsBlock(SensorsResult value) => value.Sensors.Count > 0;

        public IReadOnlyList<string> Lines(SensorsResult value)
        {
            if (value.Sensors.Count == 0)
            {
                return ["no sensors"];
            }

            var rows = value.Sensors.Select(s => (
                s.Name,
                Reading: s.Value is { } v && double.IsFinite(v)
                    ? (s.Unit is { Length: > 0 } u ? $"{Number(v)} {u}" : Number(v))
                    : s.State ?? "n/a",
                Status: Word(s.Status))).ToList();
            int nameWidth = rows.Max(r => r.Name.Length);
            int readingWidth = rows.Max(r => r.Reading.Length);
            return rows.Select(r => $"{r.Name.PadRight(nameWidth)} | {r.Reading.PadRight(readingWidth)} | {r.Status}").ToArray();
        }

        public NodeLine Json(SensorsResult? value) => new SensorsLine
        {
            Sensors = value?.Sensors.Select(s => new SensorJson
            {
                Name = s.Name,
                Type = s.Type,
                Value = s.Value is { } v && double.IsFinite(v) ? v : null,
                Unit = s.Unit,
                Status = Word(s.Status),
                State = s.State,
            }).ToArray(),
        };
    }

    private sealed class SelView : IResultView<SelResult>
    {
        public bool IsBlock(SelResult value) => value.Events.Count > 0;

        public IReadOnlyList<string> Lines(SelResult value)
        {
            if (value.Events.Count == 0)
            {
                return ["SEL is empty"];
            }

            int idWidth = value.Events.Max(e => e.Id.ToString(CultureInfo.InvariantCulture).Length);
            return value.Events.Select(e =>
                $"{e.Id.ToString(CultureInfo.InvariantCulture).PadLeft(idWidth)} | " +
                $"{(e.Timestamp is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "pre-init time       ")} | " +
                $"{Word(e.Severity),-8} | {e.Sensor} | {e.Message}").ToArray();
        }

        public NodeLine Json(SelResult? value) => new SelLine
        {
            Events = value?.Events.Select(e => new EventJson
            {
                Id = e.Id,
                Timestamp = e.Timestamp,
                Sensor = e.Sensor,
                Message = e.Message,
                Severity = Word(e.Severity),
            }).ToArray(),
        };
    }

    private sealed class InventoryView : IResultView<InventoryResult>
    {
        public bool IsBlock(InventoryResult value) =>
            value is not (null, null, null) || value.Bmc is not null || value.Lan is not null || value.Components is not null;

        public IReadOnlyList<string> Lines(InventoryResult value)
        {
            var lines = new List<string>();
            void Add(string area, string field, string? text)
            {
                if (!string.IsNullOrEmpty(text))
                {
                    lines.Add($"{area} {field}: {text}");
                }
            }

            void AddExtra(string area, IReadOnlyList<string>? extra)
            {
                foreach (var e in extra ?? [])
                {
                    Add(area, "extra", e);
                }
            }

            if (value.Chassis is { } c)
            {
                Add("chassis", "type", c.Type);
                Add("chassis", "part number", c.PartNumber);
                Add("chassis", "serial number", c.SerialNumber);
                AddExtra("chassis", c.Extra);
            }

            if (value.Board is { } b)
            {
                Add("board", "manufactured", b.ManufacturedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture));
                Add("board", "manufacturer", b.Manufacturer);
                Add("board", "product name", b.ProductName);
                Add("board", "serial number", b.SerialNumber);
                Add("board", "part number", b.PartNumber);
                AddExtra("board", b.Extra);
            }

            if (value.Product is { } p)
            {
                Add("product", "manufacturer", p.Manufacturer);
                Add("product", "name", p.Name);
                Add("product", "part number", p.PartNumber);
                Add("product", "version", p.Version);
                Add("product", "serial number", p.SerialNumber);
                Add("product", "asset tag", p.AssetTag);
                AddExtra("product", p.Extra);
            }

            if (value.Bmc is { } m)
            {
                Add("bmc", "device id", m.DeviceId.ToString(CultureInfo.InvariantCulture));
                Add("bmc", "firmware", m.FirmwareVersion);
                Add("bmc", "ipmi version", m.IpmiVersion);
                Add("bmc", "manufacturer", m.ManufacturerName is null ? m.ManufacturerId.ToString(CultureInfo.InvariantCulture) : $"{m.ManufacturerName} ({m.ManufacturerId})");
                Add("bmc", "product id", m.ProductId.ToString(CultureInfo.InvariantCulture));
                Add("bmc", "guid", m.SystemGuid?.ToString());
            }

            if (value.Lan is { } l)
            {
                Add("lan", "channel", l.Channel.ToString(CultureInfo.InvariantCulture));
                Add("lan", "ip address", l.IpAddress);
                Add("lan", "ip source", l.IpSource);
                Add("lan", "mac address", l.MacAddress);
                Add("lan", "subnet mask", l.SubnetMask);
                Add("lan", "default gateway", l.DefaultGateway);
                Add("lan", "vlan", l.VlanId?.ToString(CultureInfo.InvariantCulture) ?? "off");
            }

            if (value.Components is { } s)
            {
                Add("system", "bios version", s.BiosVersion);
                Add("system", "sku", s.Sku);
                Add("system", "uuid", s.Uuid);
                lines.AddRange(s.Processors.Select(x => $"cpu {x}"));
                lines.AddRange(s.Memory.Select(x => $"memory {x}"));
                lines.AddRange(s.Drives.Select(x => $"drive {x}"));
                lines.AddRange(s.Nics.Select(x => $"nic {x}"));
                lines.AddRange(s.Firmware.Select(f => $"firmware {f.Id}: {f.Version ?? "?"}"));
            }

            return lines.Count == 0 ? ["no inventory data"] : lines;
        }

        public NodeLine Json(InventoryResult? value) => new InventoryLine { Inventory = value };
    }

    private sealed class BmcInfoView : IResultView<BmcInfoResult>
    {
        // The system GUID differs per node and would defeat collation: it is in the JSON only.
        public IReadOnlyList<string> Lines(BmcInfoResult value) => value.Redfish is { } r
        ?
        [
            $"firmware {r.FirmwareVersion ?? "?"}, Redfish {r.RedfishVersion ?? "?"}, manufacturer {r.Manufacturer ?? "?"}, model {r.Model ?? "?"}",
        ]
        :
        [
            $"firmware {value.FirmwareVersion}, IPMI {value.IpmiVersion}, " +
            $"manufacturer {(value.ManufacturerName is { } name ? $"{name} ({value.ManufacturerId})" : value.ManufacturerId.ToString(CultureInfo.InvariantCulture))}, " +
            $"product 0x{value.ProductId:x4}, device 0x{value.DeviceId:x2} rev {value.DeviceRevision}",
        ];

        public NodeLine Json(BmcInfoResult? value) => new BmcInfoLine { Bmc = value };
    }

    private sealed class RawView : IResultView<RawResult>
    {
        public IReadOnlyList<string> Lines(RawResult value)
        {
            var data = value.Data.Count == 0 ? "(no data)" : string.Join(' ', value.Data.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            if (value.CompletionCode == 0)
            {
                return [data];
            }

            var code = (CompletionCode)value.CompletionCode;
            var line = new StringBuilder($"completion code {value.CompletionCode:X2}h ({code.Describe()})");
            if (value.Data.Count > 0)
            {
                line.Append(": ").Append(data);
            }

            return [line.ToString()];
        }

        public NodeLine Json(RawResult? value) => new RawLine
        {
            Raw = value is null ? null : new RawJson { CompletionCode = value.CompletionCode, Data = value.Data.Select(b => (int)b).ToArray() },
        };
    }

    private sealed class DiscoverView : IResultView<DiscoverResult>
    {
        public IReadOnlyList<string> Lines(DiscoverResult value) => [value switch
        {
            { Responded: false } => "no answer",
            { IpmiSupported: true, IanaEnterprise: { } iana } => $"IPMI (RMCP pong, IANA {iana})",
            { IpmiSupported: true } => "IPMI (RMCP pong)",
            _ => "answers RMCP ping, no IPMI",
        }];

        public NodeLine Json(DiscoverResult? value) => new DiscoverLine { Presence = value };
    }

    private sealed class ActionView : IResultView<ActionResult>
    {
        public IReadOnlyList<string> Lines(ActionResult value) => [value.Summary];

        public NodeLine Json(ActionResult? value) => new ActionLine { Result = value?.Summary };
    }
}

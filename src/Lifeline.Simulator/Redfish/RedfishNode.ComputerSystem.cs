using System.Globalization;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// ComputerSystem.v1_20_0 (+ Processor.v1_18_0, Memory.v1_17_0): power state, boot override and the Reset action
// mapped onto the model's IPMI chassis control.
public sealed partial class RedfishNode
{
    internal static readonly ResetType[] SystemResetTypes =
    [
        ResetType.On, ResetType.ForceOff, ResetType.GracefulShutdown, ResetType.GracefulRestart,
        ResetType.ForceRestart, ResetType.Nmi, ResetType.PowerCycle,
    ];

    internal static readonly BootSource[] BootTargets = Enum.GetValues<BootSource>();

    private const int Cpus = 2;
    private const int CoresPerCpu = 16;
    private const int DimmGiB = 32;

    internal static RedfishPowerState PowerStateOf(PowerState state) => state switch
    {
        PowerState.On => RedfishPowerState.On,
        PowerState.PoweringOn or PowerState.Cycling => RedfishPowerState.PoweringOn,
        PowerState.ShuttingDown => RedfishPowerState.PoweringOff,
        _ => RedfishPowerState.Off,
    };

    internal static BootSource BootSourceOf(BootDevice device) => device switch
    {
        BootDevice.Pxe => BootSource.Pxe,
        BootDevice.Disk or BootDevice.DiskSafeMode => BootSource.Hdd,
        BootDevice.Diagnostic => BootSource.Diags,
        BootDevice.Cdrom or BootDevice.RemoteCdrom or BootDevice.RemoteMedia => BootSource.Cd,
        BootDevice.BiosSetup => BootSource.BiosSetup,
        BootDevice.Floppy or BootDevice.RemoteFloppy => BootSource.Floppy,
        BootDevice.RemoteDisk => BootSource.RemoteDrive,
        _ => BootSource.None,
    };

    internal static BootDevice BootDeviceOf(BootSource source) => source switch
    {
        BootSource.Pxe => BootDevice.Pxe,
        BootSource.Hdd => BootDevice.Disk,
        BootSource.Diags => BootDevice.Diagnostic,
        BootSource.Cd => BootDevice.Cdrom,
        BootSource.BiosSetup => BootDevice.BiosSetup,
        BootSource.Floppy => BootDevice.Floppy,
        BootSource.RemoteDrive => BootDevice.RemoteDisk,
        _ => BootDevice.None,
    };

    private JsonObject ComputerSystem()
    {
        var power = Model.PowerState;
        var health = Assess(Model.ReadSensors());
        var fru = Model.Fru;
        var boot = Model.BootFlags;
        bool on = power.IsMainPowerOn();
        var enabled = !boot.Valid ? BootSourceOverrideEnabled.Disabled
            : boot.Persistent ? BootSourceOverrideEnabled.Continuous : BootSourceOverrideEnabled.Once;
        return new JsonObject
        {
            ["@odata.id"] = SystemUri,
            ["@odata.type"] = "#ComputerSystem.v1_20_0.ComputerSystem",
            ["Id"] = SystemId,
            ["Name"] = Model.Name,
            ["SystemType"] = "Physical",
            ["Manufacturer"] = fru.Product.Manufacturer,
            ["Model"] = fru.Product.Name,
            ["SerialNumber"] = fru.Product.SerialNumber,
            ["PartNumber"] = fru.Product.PartNumber,
            ["AssetTag"] = fru.Product.AssetTag,
            ["UUID"] = Model.SystemGuid.ToString("D"),
            ["HostName"] = Model.Name,
            ["BiosVersion"] = Model.Vendor.BiosVersion,
            ["PowerState"] = PowerStateOf(power).ToString(),
            ["IndicatorLED"] = Model.IdentityLed(),
            ["Status"] = RedfishJson.Status(on ? ResourceState.Enabled : ResourceState.StandbyOffline, health.Health, health.Health),
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideEnabled"] = enabled.ToString(),
                ["BootSourceOverrideTarget"] = BootSourceOf(boot.Valid ? boot.Device : BootDevice.None).ToString(),
                ["BootSourceOverrideTarget@Redfish.AllowableValues"] = RedfishJson.Strings(BootTargets),
                ["BootSourceOverrideMode"] = (boot.Efi ? BootSourceOverrideMode.UEFI : BootSourceOverrideMode.Legacy).ToString(),
                ["BootSourceOverrideMode@Redfish.AllowableValues"] = RedfishJson.Strings(Enum.GetValues<BootSourceOverrideMode>()),
                ["BootSourceOverrideEnabled@Redfish.AllowableValues"] = RedfishJson.Strings(Enum.GetValues<BootSourceOverrideEnabled>()),
            },
            ["ProcessorSummary"] = new JsonObject
            {
                ["Count"] = Cpus,
                ["CoreCount"] = Cpus * CoresPerCpu,
                ["Model"] = "Simulated Xeon-class CPU",
                ["Status"] = RedfishJson.Status(on ? ResourceState.Enabled : ResourceState.StandbyOffline, ProcessorHealth(), ProcessorHealth()),
            },
            ["MemorySummary"] = new JsonObject
            {
                ["TotalSystemMemoryGiB"] = SensorNumbers.DimmCount * DimmGiB,
                ["Status"] = RedfishJson.Status(on ? ResourceState.Enabled : ResourceState.StandbyOffline, Health.OK, Health.OK),
            },
            ["Processors"] = RedfishJson.Link(SystemUri + "/Processors"),
            ["Memory"] = RedfishJson.Link(SystemUri + "/Memory"),
            ["Bios"] = RedfishJson.Link(SystemUri + "/Bios"),
            ["LogServices"] = RedfishJson.Link(SystemUri + "/LogServices"),
            ["Links"] = new JsonObject
            {
                ["Chassis"] = new JsonArray(RedfishJson.Link(ChassisUri)),
                ["ManagedBy"] = new JsonArray(RedfishJson.Link(ManagerUri)),
            },
            ["Actions"] = new JsonObject
            {
                ["#ComputerSystem.Reset"] = new JsonObject
                {
                    ["target"] = SystemUri + "/Actions/ComputerSystem.Reset",
                    ["ResetType@Redfish.AllowableValues"] = RedfishJson.Strings(SystemResetTypes),
                },
            },
        };
    }

    private Health ProcessorHealth()
    {
        foreach (byte n in new[] { SensorNumbers.Cpu1Status, SensorNumbers.Cpu2Status })
        {
            if (Model.TryReadSensor(n, out var s) && (s.States & 0b11) != 0)
            {
                return Health.Critical; // IERR or thermal trip
            }
        }
        return Health.OK;
    }

    /// <summary>ComputerSystem.Reset → IPMI v2.0 §28.3 chassis control on the model.</summary>
    internal RedfishResponse ResetSystem(RedfishRequest r, IReadOnlyCollection<ResetType>? allowed = null)
    {
        allowed ??= SystemResetTypes;
        const string action = "ComputerSystem.Reset";
        if (r.BodyObject["ResetType"] is not JsonValue v || !v.TryGetValue(out string? text))
        {
            return BaseMessages.ActionParameterMissing(action, "ResetType");
        }
        if (!Enum.TryParse<ResetType>(text, ignoreCase: false, out var type) || !allowed.Contains(type) || int.TryParse(text, out _))
        {
            return BaseMessages.ActionParameterValueNotInList(text, "ResetType", action);
        }
        var result = type switch
        {
            ResetType.On or ResetType.ForceOn => Model.PowerOn(),
            ResetType.PushPowerButton => Model.PressPowerButton() ? ChassisControlResult.Accepted : ChassisControlResult.NotInPresentState,
            ResetType.ForceOff => Model.PowerOff(),
            ResetType.GracefulShutdown => Model.SoftOff(),
            // The model has no OS-initiated warm reboot: a graceful restart is a host reset, as on many BMCs
            // without a host agent.
            ResetType.GracefulRestart or ResetType.ForceRestart => Model.HardReset(),
            ResetType.Nmi => Model.DiagnosticInterrupt(),
            ResetType.PowerCycle => Model.PowerCycle(),
            _ => ChassisControlResult.NotInPresentState,
        };
        return result == ChassisControlResult.Accepted
            ? RedfishResponse.NoContent()
            : BaseMessages.OperationNotAllowedInState($"{action} {type}", PowerStateOf(Model.PowerState).ToString());
    }

    /// <summary>PATCH Boot (override target/enabled/mode, IPMI boot flags parameter 5) and IndicatorLED.</summary>
    private RedfishResponse PatchSystem(RedfishRequest r)
    {
        var body = r.BodyObject;
        BootSource? target = null;
        BootSourceOverrideEnabled? enabled = null;
        BootSourceOverrideMode? mode = null;
        string? led = null;
        foreach (var (name, value) in body)
        {
            switch (name)
            {
                case "Boot" when value is JsonObject boot:
                    foreach (var (property, pv) in boot)
                    {
                        string? text = pv is JsonValue jv && jv.TryGetValue(out string? t) ? t : null;
                        if (text is null)
                        {
                            return BaseMessages.PropertyValueTypeError($"Boot/{property}", pv?.ToJsonString() ?? "null");
                        }
                        switch (property)
                        {
                            case "BootSourceOverrideTarget" when TryParseName<BootSource>(text, out var x):
                                target = x;
                                break;
                            case "BootSourceOverrideEnabled" when TryParseName<BootSourceOverrideEnabled>(text, out var x):
                                enabled = x;
                                break;
                            case "BootSourceOverrideMode" when TryParseName<BootSourceOverrideMode>(text, out var x):
                                mode = x;
                                break;
                            case "BootSourceOverrideTarget" or "BootSourceOverrideEnabled" or "BootSourceOverrideMode":
                                return BaseMessages.PropertyValueNotInList($"Boot/{property}", text);
                            default:
                                return BaseMessages.PropertyUnknown($"Boot/{property}");
                        }
                    }
                    break;
                case "IndicatorLED" when value is JsonValue v && v.TryGetValue(out string? state):
                    if (state is not ("Lit" or "Blinking" or "Off"))
                    {
                        return BaseMessages.PropertyValueNotInList(name, state);
                    }
                    led = state;
                    break;
                case "Boot" or "IndicatorLED":
                    return BaseMessages.PropertyValueTypeError(name, value?.ToJsonString() ?? "null");
                default:
                    return BaseMessages.PropertyUnknown(name);
            }
        }
        if (target is not null || enabled is not null || mode is not null)
        {
            var flags = Model.BootFlags;
            if (target is { } t)
            {
                flags = flags with { Device = BootDeviceOf(t) };
            }
            // A target without BootSourceOverrideEnabled on a disabled override means "once" (as bmcweb does).
            var e = enabled ?? (flags.Valid ? (flags.Persistent ? BootSourceOverrideEnabled.Continuous : BootSourceOverrideEnabled.Once)
                : target is not null ? BootSourceOverrideEnabled.Once : BootSourceOverrideEnabled.Disabled);
            flags = flags with { Valid = e != BootSourceOverrideEnabled.Disabled, Persistent = e == BootSourceOverrideEnabled.Continuous };
            if (mode is { } m)
            {
                flags = flags with { Efi = m == BootSourceOverrideMode.UEFI };
            }
            if (flags.Device == BootDevice.None)
            {
                flags = flags with { Valid = false };
            }
            Model.BootFlags = flags;
        }
        switch (led)
        {
            case "Lit":
                Model.ChassisIdentify(force: true);
                break;
            case "Blinking":
                Model.ChassisIdentify();
                break;
            case "Off":
                Model.ChassisIdentify(TimeSpan.Zero);
                break;
        }
        return RedfishResponse.NoContent();
    }

    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !char.IsDigit(text[0]) && text[0] != '-';

    private JsonObject Processors() => RedfishJson.Collection(SystemUri + "/Processors",
        "#ProcessorCollection.ProcessorCollection", "Processors Collection",
        Enumerable.Range(1, Cpus).Select(i => $"{SystemUri}/Processors/CPU{i}"));

    private JsonObject? Processor(string id)
    {
        if (id is not ("CPU1" or "CPU2"))
        {
            return null;
        }
        bool on = Model.IsPoweredOn;
        return new JsonObject
        {
            ["@odata.id"] = $"{SystemUri}/Processors/{id}",
            ["@odata.type"] = "#Processor.v1_18_0.Processor",
            ["Id"] = id,
            ["Name"] = $"Processor {id[3..]}",
            ["Socket"] = id,
            ["ProcessorType"] = "CPU",
            ["ProcessorArchitecture"] = "x86",
            ["InstructionSet"] = "x86-64",
            ["Manufacturer"] = "Simulated",
            ["Model"] = "Simulated Xeon-class CPU",
            ["TotalCores"] = CoresPerCpu,
            ["TotalThreads"] = CoresPerCpu * 2,
            ["MaxSpeedMHz"] = 3500,
            ["Status"] = RedfishJson.Status(on ? ResourceState.Enabled : ResourceState.StandbyOffline, ProcessorHealth()),
        };
    }

    private JsonObject MemoryCollection() => RedfishJson.Collection(SystemUri + "/Memory",
        "#MemoryCollection.MemoryCollection", "Memory Module Collection",
        Enumerable.Range(0, SensorNumbers.DimmCount).Select(d => $"{SystemUri}/Memory/DIMM{(char)('A' + d)}"));

    private JsonObject? Dimm(string id)
    {
        if (id.Length != 5 || !id.StartsWith("DIMM", StringComparison.Ordinal) || id[4] - 'A' is < 0 or >= SensorNumbers.DimmCount)
        {
            return null;
        }
        return new JsonObject
        {
            ["@odata.id"] = $"{SystemUri}/Memory/{id}",
            ["@odata.type"] = "#Memory.v1_17_0.Memory",
            ["Id"] = id,
            ["Name"] = $"DIMM {id[4]}",
            ["MemoryDeviceType"] = "DDR4",
            ["CapacityMiB"] = DimmGiB * 1024,
            ["OperatingSpeedMhz"] = 3200,
            ["DeviceLocator"] = $"DIMM_{id[4]}",
            ["SerialNumber"] = $"{Model.Fru.Product.SerialNumber}-{id[4]}",
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        };
    }
}

internal static class IdentityLedExtensions
{
    /// <summary>IndicatorLED (Resource.IndicatorLED, deprecated but still read by sushy and redfishtool).</summary>
    public static string IdentityLed(this BmcModel model) => model.IdentifyState switch
    {
        ChassisIdentifyState.IndefiniteOn => "Lit",
        ChassisIdentifyState.TimedOn => "Blinking",
        _ => "Off",
    };

    public static string Invariant(this int value) => value.ToString(CultureInfo.InvariantCulture);
}

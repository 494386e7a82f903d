using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;
using Lifeline.Simulator.Model;
using IpmiConversion = Lifeline.Ipmi.Sensors.SensorConversion;
using IpmiEventReadingType = Lifeline.Ipmi.Sensors.EventReadingType;
using IpmiSensorType = Lifeline.Ipmi.Sensors.SensorType;
using IpmiSensorUnit = Lifeline.Ipmi.Sensors.SensorUnit;
using RawThresholds = Lifeline.Ipmi.Sdr.SensorThresholds;

namespace Lifeline.Simulator.Ipmi.Dispatch;

/// <summary>
/// The SDR repository a simulated BMC serves, encoded once per shared <see cref="SensorTable"/> (and device
/// identity) with the Lifeline.Ipmi SDR encoders: an MC device locator, a full record per threshold sensor (the
/// model's M/B/exponents, nominal value, thresholds, hysteresis and unit), a compact record per readable discrete
/// sensor, an event-only record per event-only sensor, and a FRU device locator for FRU device 0.
/// </summary>
public sealed class SdrImage
{
    /// <summary>IPMI slave address of the BMC: sensor owner and SEL generator id of the model's BMC events.</summary>
    public const byte BmcAddress = 0x20;

    private static readonly ConditionalWeakTable<SensorTable, ConcurrentDictionary<byte, SdrImage>> Cache = new();

    private readonly byte[][] _records;
    private readonly ushort[] _ids;

    private SdrImage(IReadOnlyList<SdrRecord> records)
    {
        Repository = new SdrRepository(records);
        _records = records.Select(r => r.Encode()).ToArray();
        _ids = records.Select(r => r.RecordId).ToArray();
        // A content-derived "most recent addition" time: SDR caches (FreeIPMI's) stay valid exactly as long as the
        // repository is the same.
        uint hash = 2166136261;
        foreach (var record in _records)
        {
            foreach (byte b in record)
            {
                hash = (hash ^ b) * 16777619;
            }
        }
        AdditionTimestamp = 1_577_836_800u + hash % 31_536_000u; // during 2020
    }

    /// <summary>The records as typed objects (the same bytes the face serves, parsed back).</summary>
    public SdrRepository Repository { get; }

    public int Count => _records.Length;

    /// <summary>Most recent addition timestamp of Get SDR Repository Info (seconds since 1970).</summary>
    public uint AdditionTimestamp { get; }

    /// <summary>All records end to end (what `ipmitool sdr dump` would write).</summary>
    public byte[] Encode() => _records.SelectMany(r => r).ToArray();

    /// <summary>The image for a model's sensor table and identity; built once and shared by every node that has them.</summary>
    public static SdrImage For(BmcModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var byIdentity = Cache.GetValue(model.Sensors, _ => new ConcurrentDictionary<byte, SdrImage>());
        var identity = model.Identity;
        return byIdentity.GetOrAdd(identity.AdditionalDeviceSupport, _ => Build(model.Sensors, identity));
    }

    /// <summary>
    /// The record with <paramref name="recordId"/> (0000h = first, FFFFh = last) and the id of the one after it
    /// (FFFFh after the last); false when there is no such record.
    /// </summary>
    public bool TryGet(ushort recordId, out ReadOnlyMemory<byte> record, out ushort nextRecordId)
    {
        int i = recordId switch
        {
            0x0000 => _records.Length > 0 ? 0 : -1,
            0xFFFF => _records.Length - 1,
            _ => Array.IndexOf(_ids, recordId),
        };
        if (i < 0)
        {
            record = default;
            nextRecordId = 0;
            return false;
        }
        record = _records[i];
        nextRecordId = i + 1 < _ids.Length ? _ids[i + 1] : (ushort)0xFFFF;
        return true;
    }

    internal static SdrImage Build(SensorTable sensors, DeviceIdentity identity)
    {
        var records = new List<SdrRecord>(sensors.Count + 2);
        ushort next = 1;
        records.Add(new McDeviceLocatorRecord
        {
            RecordId = next++,
            SlaveAddress = BmcAddress,
            GlobalInitialization = McGlobalInitialization.EnableEventGeneration,
            Capabilities = (McCapabilities)identity.AdditionalDeviceSupport,
            EntityId = 0x06, // system management module
            EntityInstance = 1,
            IdString = "BMC",
        });
        foreach (var sensor in sensors.Sensors)
        {
            ushort id = next++;
            records.Add(sensor.IsThreshold ? Full(sensor, id) : sensor.EventOnly ? EventOnly(sensor, id) : Compact(sensor, id));
        }
        records.Add(new FruDeviceLocatorRecord
        {
            RecordId = next++,
            DeviceAccessAddress = BmcAddress,
            FruDeviceId = 0,
            IsLogical = true,
            DeviceType = 0x10, // IPMI FRU inventory
            EntityId = (byte)EntityId.SystemBoard,
            EntityInstance = 1,
            IdString = "System Board",
        });
        return new SdrImage(records);
    }

    private static readonly SensorInitialization DefaultInitialization = SensorInitialization.ScanningEnabledByDefault
        | SensorInitialization.EventsEnabledByDefault | SensorInitialization.InitScanning | SensorInitialization.InitEvents;

    // Table 43-1: a threshold sensor with readable (not settable) thresholds and the model's conversion.
    private static FullSensorRecord Full(SensorDefinition s, ushort id)
    {
        ushort assertion = 0, deassertion = 0;
        byte present = s.Thresholds.PresentMask;
        for (var t = SensorThreshold.LowerNonCritical; t <= SensorThreshold.UpperNonRecoverable; t++)
        {
            if (s.Thresholds[t] is null)
            {
                continue;
            }
            // Table 42-2 offsets: the model logs going-low events for lower thresholds, going-high for upper ones
            ushort eventBit = (ushort)(1 << t.EventOffset());
            assertion |= eventBit;
            deassertion |= eventBit;
            // bytes 15-18 [14:12]: which comparison results Get Sensor Reading returns
            if (t.IsUpper())
            {
                deassertion |= (ushort)(1 << (12 + (int)t - (int)SensorThreshold.UpperNonCritical));
            }
            else
            {
                assertion |= (ushort)(1 << (12 + (int)t));
            }
        }
        var c = s.Conversion;
        byte hysteresis = (byte)Math.Clamp(Math.Round(s.Hysteresis / c.Resolution), 0, 255);
        return new FullSensorRecord
        {
            RecordId = id,
            OwnerId = BmcAddress,
            SensorNumber = s.Number,
            EntityId = (byte)s.Entity,
            EntityInstance = s.EntityInstance,
            Initialization = DefaultInitialization | SensorInitialization.InitHysteresis,
            Capabilities = new SensorCapabilities(false, AutoRearm: true, HysteresisSupport.FixedUnreadable, ThresholdAccess.Readable,
                EventMessageControl.EntireSensorOnly),
            SensorType = (IpmiSensorType)(byte)s.Type,
            EventReadingType = IpmiEventReadingType.Threshold,
            AssertionMask = assertion,
            DeassertionMask = deassertion,
            ReadingMask = present, // byte 19 readable; byte 20 settable: none
            Units = new SensorUnits(AnalogDataFormat.Unsigned, SensorRateUnit.None, ModifierUnitRelation.None, false,
                (IpmiSensorUnit)(byte)s.Unit, IpmiSensorUnit.Unspecified),
            Conversion = new IpmiConversion(AnalogDataFormat.Unsigned, Linearization.Linear, c.M, c.B, c.BExp, c.RExp),
            NominalReadingSpecified = s.Nominal is not null,
            NominalReading = s.Nominal is { } nominal ? s.ToRaw(nominal) : (byte)0,
            SensorMaximum = 0xFF,
            SensorMinimum = 0x00,
            Thresholds = new RawThresholds(
                Raw(s, SensorThreshold.UpperNonRecoverable), Raw(s, SensorThreshold.UpperCritical), Raw(s, SensorThreshold.UpperNonCritical),
                Raw(s, SensorThreshold.LowerNonRecoverable), Raw(s, SensorThreshold.LowerCritical), Raw(s, SensorThreshold.LowerNonCritical)),
            PositiveHysteresis = hysteresis,
            NegativeHysteresis = hysteresis,
            IdString = s.Name,
            IdStringEncoding = FruFieldEncoding.Text,
        };
    }

    private static byte Raw(SensorDefinition s, SensorThreshold t) => s.Thresholds[t] is { } limit ? s.ToRaw(limit) : (byte)0;

    // Table 43-2: a discrete sensor whose reading is its asserted states.
    private static CompactSensorRecord Compact(SensorDefinition s, ushort id)
    {
        ushort states = (ushort)(s.SupportedStates & 0x7FFF);
        return new CompactSensorRecord
        {
            RecordId = id,
            OwnerId = BmcAddress,
            SensorNumber = s.Number,
            EntityId = (byte)s.Entity,
            EntityInstance = s.EntityInstance,
            Initialization = DefaultInitialization,
            Capabilities = new SensorCapabilities(false, AutoRearm: true, HysteresisSupport.None, ThresholdAccess.None,
                EventMessageControl.EntireSensorOnly),
            SensorType = (IpmiSensorType)(byte)s.Type,
            EventReadingType = (IpmiEventReadingType)(byte)s.ReadingType,
            AssertionMask = states,
            DeassertionMask = states,
            ReadingMask = states,
            Units = new SensorUnits(AnalogDataFormat.None, SensorRateUnit.None, ModifierUnitRelation.None, false,
                IpmiSensorUnit.Unspecified, IpmiSensorUnit.Unspecified),
            IdString = s.Name,
            IdStringEncoding = FruFieldEncoding.Text,
        };
    }

    // Table 43-3: a sensor that only logs events (System Boot, OS Boot, NMI, Event Log).
    private static EventOnlySensorRecord EventOnly(SensorDefinition s, ushort id) => new()
    {
        RecordId = id,
        OwnerId = BmcAddress,
        SensorNumber = s.Number,
        EntityId = (byte)s.Entity,
        EntityInstance = s.EntityInstance,
        SensorType = (IpmiSensorType)(byte)s.Type,
        EventReadingType = (IpmiEventReadingType)(byte)s.ReadingType,
        IdString = s.Name,
        IdStringEncoding = FruFieldEncoding.Text,
    };
}

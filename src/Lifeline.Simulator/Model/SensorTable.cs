using System.Collections.ObjectModel;

namespace Lifeline.Simulator.Model;

/// <summary>Sensor numbers of the default table, for the model's own events and for tests.</summary>
public static class SensorNumbers
{
    public const byte Cpu1Temp = 0x01;
    public const byte Cpu2Temp = 0x02;
    public const byte InletTemp = 0x03;
    public const byte ExhaustTemp = 0x04;
    public const byte DimmATemp = 0x05; // A-D: 0x05-0x08
    public const byte Fan1 = 0x10;      // Fan1-Fan6: 0x10-0x15
    public const byte Volt12 = 0x20;
    public const byte Volt5 = 0x21;
    public const byte Volt3_3 = 0x22;
    public const byte VBat = 0x23;
    public const byte Psu1Status = 0x30;
    public const byte Psu2Status = 0x31;
    public const byte PowerConsumption = 0x32;
    public const byte InputCurrent = 0x33;
    public const byte PsuRedundancy = 0x34;
    public const byte Cpu1Status = 0x40;
    public const byte Cpu2Status = 0x41;
    public const byte MemoryEcc = 0x48;
    public const byte PowerUnit = 0x50;
    public const byte SystemBoot = 0x51;
    public const byte OsBoot = 0x52;
    public const byte CriticalInterrupt = 0x53;
    public const byte EventLog = 0x54;

    public const int FanCount = 6;
    public const int DimmCount = 4;
    public const int PsuCount = 2;
}

/// <summary>
/// An immutable list of sensor definitions with lookup by number; one instance is shared by every node.
/// </summary>
public sealed class SensorTable
{
    private readonly SensorDefinition[] _sensors;
    private readonly short[] _indexByNumber = new short[256];

    public SensorTable(IEnumerable<SensorDefinition> sensors)
    {
        _sensors = sensors.ToArray();
        Array.Fill(_indexByNumber, (short)-1);
        for (int i = 0; i < _sensors.Length; i++)
        {
            var s = _sensors[i];
            if (s.Name.Length > 16)
            {
                throw new ArgumentException($"Sensor name '{s.Name}' is longer than 16 characters.", nameof(sensors));
            }
            if (_indexByNumber[s.Number] >= 0)
            {
                throw new ArgumentException($"Sensor number 0x{s.Number:X2} is used twice.", nameof(sensors));
            }
            if (s.IsThreshold && s.Physics is null)
            {
                throw new ArgumentException($"Threshold sensor '{s.Name}' needs physics.", nameof(sensors));
            }
            _indexByNumber[s.Number] = (short)i;
        }
        Sensors = new ReadOnlyCollection<SensorDefinition>(_sensors);
    }

    public static SensorTable Default { get; } = new(DefaultSensors());

    public IReadOnlyList<SensorDefinition> Sensors { get; }

    public int Count => _sensors.Length;

    public SensorDefinition this[int index] => _sensors[index];

    /// <summary>Position of a sensor in <see cref="Sensors"/>, or -1.</summary>
    public int IndexOf(byte number) => _indexByNumber[number];

    public SensorDefinition? Find(byte number) => _indexByNumber[number] is >= 0 and var i ? _sensors[i] : null;

    private static IEnumerable<SensorDefinition> DefaultSensors()
    {
        // Temperatures: 1 °C per count from 0 °C; CPU thresholds sit far above the loaded range (≤ ~62 °C).
        var cpuThresholds = new SensorThresholds(UpperNonCritical: 84, UpperCritical: 89, UpperNonRecoverable: 95);
        for (int cpu = 1; cpu <= 2; cpu++)
        {
            yield return new SensorDefinition
            {
                Number = (byte)(SensorNumbers.Cpu1Temp + cpu - 1),
                Name = $"CPU{cpu} Temp",
                Type = SensorType.Temperature,
                ReadingType = EventReadingType.Threshold,
                Entity = EntityId.Processor,
                EntityInstance = (byte)cpu,
                Unit = SensorUnit.DegreesC,
                Nominal = 48,
                Thresholds = cpuThresholds,
                Hysteresis = 2,
                RequiresMainPower = true,
                Physics = new SensorPhysics(OnValue: 49 - cpu, OffValue: 24, TimeConstantSeconds: 20, Noise: 0.6,
                    NoiseWhenOff: 0.2, NodeSpread: 3, LoadSwing: 9, AmbientCoupling: 1),
            };
        }

        yield return new SensorDefinition
        {
            Number = SensorNumbers.InletTemp,
            Name = "Inlet Temp",
            Type = SensorType.Temperature,
            ReadingType = EventReadingType.Threshold,
            Entity = EntityId.AirInlet,
            Unit = SensorUnit.DegreesC,
            Nominal = 22,
            Thresholds = new SensorThresholds(LowerCritical: 3, LowerNonCritical: 8, UpperNonCritical: 42, UpperCritical: 47),
            Hysteresis = 1,
            Physics = new SensorPhysics(OnValue: 22.5, OffValue: 22, TimeConstantSeconds: 300, Noise: 0.2,
                NoiseWhenOff: 0.2, NodeSpread: 0.3, LoadSwing: 0.3, AmbientCoupling: 1),
        };

        yield return new SensorDefinition
        {
            Number = SensorNumbers.ExhaustTemp,
            Name = "Exhaust Temp",
            Type = SensorType.Temperature,
            ReadingType = EventReadingType.Threshold,
            Entity = EntityId.SystemBoard,
            Unit = SensorUnit.DegreesC,
            Nominal = 38,
            Thresholds = new SensorThresholds(UpperNonCritical: 70, UpperCritical: 75),
            Hysteresis = 2,
            Physics = new SensorPhysics(OnValue: 37, OffValue: 23, TimeConstantSeconds: 120, Noise: 0.4,
                NoiseWhenOff: 0.2, NodeSpread: 1.5, LoadSwing: 5, AmbientCoupling: 1),
        };

        for (int d = 0; d < SensorNumbers.DimmCount; d++)
        {
            yield return new SensorDefinition
            {
                Number = (byte)(SensorNumbers.DimmATemp + d),
                Name = $"DIMM {(char)('A' + d)} Temp",
                Type = SensorType.Temperature,
                ReadingType = EventReadingType.Threshold,
                Entity = EntityId.MemoryDevice,
                EntityInstance = (byte)(d + 1),
                Unit = SensorUnit.DegreesC,
                Nominal = 40,
                Thresholds = new SensorThresholds(UpperNonCritical: 80, UpperCritical: 85),
                Hysteresis = 2,
                RequiresMainPower = true,
                Physics = new SensorPhysics(OnValue: 40, OffValue: 23, TimeConstantSeconds: 60, Noise: 0.4,
                    NoiseWhenOff: 0.2, NodeSpread: 2, LoadSwing: 5, AmbientCoupling: 1),
            };
        }

        // Fans: 60 RPM per count (0-15300). They run at full speed during POST, then settle.
        for (int f = 1; f <= SensorNumbers.FanCount; f++)
        {
            yield return new SensorDefinition
            {
                Number = (byte)(SensorNumbers.Fan1 + f - 1),
                Name = $"Fan{f}",
                Type = SensorType.Fan,
                ReadingType = EventReadingType.Threshold,
                Entity = EntityId.FanCoolingDevice,
                EntityInstance = (byte)f,
                Unit = SensorUnit.Rpm,
                Nominal = 7200,
                Thresholds = new SensorThresholds(LowerCritical: 600, LowerNonCritical: 1200),
                Hysteresis = 120,
                Conversion = new SensorConversion(60, 0, 0, 0),
                RequiresMainPower = true,
                Physics = new SensorPhysics(OnValue: 7200, OffValue: 0, TimeConstantSeconds: 4, Noise: 60,
                    NodeSpread: 300, LoadSwing: 1200, AmbientCoupling: 180, PowerOnStart: 12000),
            };
        }

        yield return Rail(SensorNumbers.Volt12, "12V", 12.0, new SensorConversion(6, 0, 0, -2), 10.8, 11.4, 12.6, 13.2, 0.05, true);
        yield return Rail(SensorNumbers.Volt5, "5V", 5.0, new SensorConversion(3, 0, 0, -2), 4.5, 4.75, 5.25, 5.5, 0.03, true);
        yield return Rail(SensorNumbers.Volt3_3, "3.3V", 3.3, new SensorConversion(2, 0, 0, -2), 2.97, 3.14, 3.46, 3.63, 0.02, true);
        yield return new SensorDefinition
        {
            Number = SensorNumbers.VBat,
            Name = "VBAT",
            Type = SensorType.Voltage,
            ReadingType = EventReadingType.Threshold,
            Unit = SensorUnit.Volts,
            Nominal = 3.05,
            Thresholds = new SensorThresholds(LowerCritical: 2.5, LowerNonCritical: 2.7),
            Hysteresis = 0.04,
            Conversion = new SensorConversion(2, 0, 0, -2),
            Physics = new SensorPhysics(OnValue: 3.05, OffValue: 3.05, TimeConstantSeconds: 1, Noise: 0.01,
                NoiseWhenOff: 0.01, NodeSpread: 0.04),
        };

        for (int p = 1; p <= SensorNumbers.PsuCount; p++)
        {
            yield return new SensorDefinition
            {
                Number = (byte)(SensorNumbers.Psu1Status + p - 1),
                Name = $"PSU{p} Status",
                Type = SensorType.PowerSupply,
                ReadingType = EventReadingType.SensorSpecific,
                Entity = EntityId.PowerSupply,
                EntityInstance = (byte)p,
                // Table 42-3 Power Supply: 0 presence detected, 1 failure detected, 2 predictive failure, 3 input lost
                SupportedStates = 0b1111,
                InitialStates = 0b0001,
            };
        }

        // Power unit redundancy (generic event/reading type 0Bh, Table 42-2): 0 fully redundant, 1 redundancy lost.
        yield return new SensorDefinition
        {
            Number = SensorNumbers.PsuRedundancy,
            Name = "PSU Redundancy",
            Type = SensorType.PowerUnit,
            ReadingType = EventReadingType.Redundancy,
            Entity = EntityId.PowerManagement,
            SupportedStates = 0b0011,
            InitialStates = 0b0001,
        };

        // Total input power, 4 W per count (0-1020 W). Type Current with unit Watts, as many BMCs report it.
        yield return new SensorDefinition
        {
            Number = SensorNumbers.PowerConsumption,
            Name = "Pwr Consumption",
            Type = SensorType.Current,
            ReadingType = EventReadingType.Threshold,
            Entity = EntityId.PowerManagement,
            Unit = SensorUnit.Watts,
            Nominal = 220,
            Thresholds = new SensorThresholds(UpperNonCritical: 760, UpperCritical: 860),
            Hysteresis = 8,
            Conversion = new SensorConversion(4, 0, 0, 0),
            Physics = new SensorPhysics(OnValue: 220, OffValue: 9, TimeConstantSeconds: 1, Noise: 4,
                NoiseWhenOff: 0.5, NodeSpread: 12, LoadSwing: 80),
        };

        // Input current at 230 V, 0.02 A per count (0-5.1 A).
        yield return new SensorDefinition
        {
            Number = SensorNumbers.InputCurrent,
            Name = "Current 1",
            Type = SensorType.Current,
            ReadingType = EventReadingType.Threshold,
            Entity = EntityId.PowerSupply,
            Unit = SensorUnit.Amps,
            Nominal = 0.96,
            Thresholds = new SensorThresholds(UpperNonCritical: 3.4, UpperCritical: 3.8),
            Hysteresis = 0.04,
            Conversion = new SensorConversion(2, 0, 0, -2),
            Physics = new SensorPhysics(OnValue: 0.96, OffValue: 0.04, TimeConstantSeconds: 1, Noise: 0.02,
                NodeSpread: 0.05, LoadSwing: 0.35),
        };

        for (int cpu = 1; cpu <= 2; cpu++)
        {
            yield return new SensorDefinition
            {
                Number = (byte)(SensorNumbers.Cpu1Status + cpu - 1),
                Name = $"CPU{cpu} Status",
                Type = SensorType.Processor,
                ReadingType = EventReadingType.SensorSpecific,
                Entity = EntityId.Processor,
                EntityInstance = (byte)cpu,
                // Table 42-3 Processor: 0 IERR, 1 thermal trip, 7 processor presence detected
                SupportedStates = 0b1000_0011,
                InitialStates = 0b1000_0000,
            };
        }

        yield return Discrete(SensorNumbers.MemoryEcc, "Memory ECC", SensorType.Memory, EntityId.MemoryDevice,
            supported: 0b11, eventOnly: false); // 0 correctable ECC, 1 uncorrectable ECC
        yield return Discrete(SensorNumbers.PowerUnit, "Power Unit", SensorType.PowerUnit, EntityId.PowerManagement,
            supported: 0b0101_0011, eventOnly: false); // 0 power off/down, 1 power cycle, 4 AC lost, 6 failure
        yield return Discrete(SensorNumbers.SystemBoot, "System Boot", SensorType.SystemBootInitiated,
            EntityId.SystemFirmware, supported: 0b1111_1111, eventOnly: true);
        yield return Discrete(SensorNumbers.OsBoot, "OS Boot", SensorType.OsBoot, EntityId.OperatingSystem,
            supported: 0b0111_1111, eventOnly: true);
        yield return Discrete(SensorNumbers.CriticalInterrupt, "NMI", SensorType.CriticalInterrupt,
            EntityId.SystemBoard, supported: 0b1001, eventOnly: true); // 0 front panel NMI/diag, 3 software NMI
        yield return Discrete(SensorNumbers.EventLog, "Event Log", SensorType.EventLoggingDisabled,
            EntityId.SystemManagementSoftware, supported: 0b0011_0100, eventOnly: true); // 2 cleared, 4 full, 5 almost full
    }

    private static SensorDefinition Rail(byte number, string name, double nominal, SensorConversion conversion,
        double lcr, double lnc, double unc, double ucr, double noise, bool mainPower) => new()
        {
            Number = number,
            Name = name,
            Type = SensorType.Voltage,
            ReadingType = EventReadingType.Threshold,
            Unit = SensorUnit.Volts,
            Nominal = nominal,
            Thresholds = new SensorThresholds(LowerCritical: lcr, LowerNonCritical: lnc, UpperNonCritical: unc, UpperCritical: ucr),
            Hysteresis = 2 * conversion.Resolution,
            Conversion = conversion,
            RequiresMainPower = mainPower,
            Physics = new SensorPhysics(OnValue: nominal, OffValue: 0, TimeConstantSeconds: 0.2, Noise: noise,
                NodeSpread: noise, PowerOnStart: nominal, DropsAtPowerOff: true),
        };

    private static SensorDefinition Discrete(byte number, string name, SensorType type, EntityId entity,
        ushort supported, bool eventOnly) => new()
        {
            Number = number,
            Name = name,
            Type = type,
            ReadingType = EventReadingType.SensorSpecific,
            Entity = entity,
            SupportedStates = supported,
            EventOnly = eventOnly,
        };
}

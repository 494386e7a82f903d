namespace Lifeline.Simulator.Model;

// Sensor values are computed, not stored: a first-order lag per sensor (see SensorPhysics) restarted whenever
// main power or the ambient temperature changes ("segments"), plus noise that is a hash of (node, sensor, scan
// slot). Thresholds are compared on a fixed grid of scan slots (multiples of SensorScanInterval in absolute
// DateTimeOffset ticks), so the SEL does not depend on how often the model is read. To keep a long unobserved
// stretch cheap, each stretch is first bounded: if no value a sensor can reach in it could assert or deassert
// anything, its grid points are skipped.
public sealed partial class BmcModel
{
    private static readonly SensorThreshold[] DeassertOrder =
    [
        SensorThreshold.UpperNonRecoverable, SensorThreshold.UpperCritical, SensorThreshold.UpperNonCritical,
        SensorThreshold.LowerNonRecoverable, SensorThreshold.LowerCritical, SensorThreshold.LowerNonCritical,
    ];

    private static readonly SensorThreshold[] AssertOrder =
    [
        SensorThreshold.UpperNonCritical, SensorThreshold.UpperCritical, SensorThreshold.UpperNonRecoverable,
        SensorThreshold.LowerNonCritical, SensorThreshold.LowerCritical, SensorThreshold.LowerNonRecoverable,
    ];

    private double _ambient;
    private bool _sensorsPowered;
    private DateTimeOffset _segmentStart;
    private double[] _segmentDelta = [];
    private byte[] _asserted = [];
    private ushort[] _discrete = [];
    private double?[]? _forced;
    private bool[]? _failed;
    private long _scanTicks;
    private double _loadPeriodSeconds;
    private double _loadPhase;

    public SensorTable Sensors => _shared.Sensors;

    /// <summary>The room temperature around this node (°C). Changing it moves every temperature (and fan
    /// speed) smoothly toward the new level, which can cross thresholds gradually: a cooling failure.</summary>
    public double AmbientTemperature
    {
        get
        {
            lock (_lock)
            {
                return _ambient;
            }
        }
        set
        {
            lock (_lock)
            {
                var now = Sync();
                StartSensorSegment(now, _sensorsPowered, value);
            }
        }
    }

    public SensorSample ReadSensor(byte number)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = Sensors.IndexOf(number);
            if (i < 0)
            {
                throw new KeyNotFoundException($"No sensor 0x{number:X2} on {Name}.");
            }
            return Sample(i, now);
        }
    }

    public bool TryReadSensor(byte number, out SensorSample sample)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = Sensors.IndexOf(number);
            sample = i < 0 ? default : Sample(i, now);
            return i >= 0;
        }
    }

    public SensorSample[] ReadSensors()
    {
        lock (_lock)
        {
            var now = Sync();
            var samples = new SensorSample[Sensors.Count];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = Sample(i, now);
            }
            return samples;
        }
    }

    /// <summary>Fault injection: the sensor reads <paramref name="value"/> (physical units) until cleared, even
    /// with main power off. Threshold crossings are logged at once.</summary>
    public void ForceSensorValue(byte number, double value)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex(number);
            _forced ??= new double?[Sensors.Count];
            _forced[i] = value;
            EvaluateNow(i, now);
        }
    }

    public void ClearForcedSensorValue(byte number)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex(number);
            if (_forced is not null)
            {
                _forced[i] = null;
            }
            EvaluateNow(i, now);
        }
    }

    /// <summary>Fan <paramref name="fan"/> (1-based) stops: it reads 0 RPM, crossing its lower thresholds,
    /// and Get Chassis Status reports a cooling fault.</summary>
    public void FailFan(int fan) => SetFanFailed(fan, true);

    public void RepairFan(int fan) => SetFanFailed(fan, false);

    /// <summary>Power supply <paramref name="psu"/> (1-based) fails: "failure detected" asserted and logged.
    /// When no supply is left, main power drops with a power fault.</summary>
    public void FailPowerSupply(int psu)
    {
        lock (_lock)
        {
            var now = Sync();
            SetDiscreteState(PsuNumber(psu), PsuStateBit.Failure, true, now, SelGenerator.Bmc);
            UpdatePsuRedundancy(now);
            if (!AnyPowerSupplyWorking())
            {
                _powerFault = true;
                if (_power.IsMainPowerOn())
                {
                    MainPowerOff(now, PowerUnitOffset.Failure);
                    _lastPowerEvent = LastPowerEvent.PowerFault;
                }
            }
        }
    }

    public void RestorePowerSupply(int psu)
    {
        lock (_lock)
        {
            var now = Sync();
            SetDiscreteState(PsuNumber(psu), PsuStateBit.Failure, false, now, SelGenerator.Bmc);
            UpdatePsuRedundancy(now);
            _powerFault = !AnyPowerSupplyWorking();
        }
    }

    /// <summary>Logs a memory ECC event for DIMM <paramref name="dimm"/> (0-based), as the BIOS SMI handler would.</summary>
    public void InjectMemoryError(int dimm, bool uncorrectable = false)
    {
        lock (_lock)
        {
            var now = Sync();
            LogMemoryError(now, dimm, uncorrectable);
        }
    }

    private void InitializeSensors()
    {
        var options = _shared.Options;
        int count = Sensors.Count;
        _segmentDelta = new double[count];
        _asserted = new byte[count];
        _discrete = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            _discrete[i] = Sensors[i].InitialStates;
        }
        _scanTicks = options.SensorScanInterval.Ticks;
        _ambient = options.AmbientTemperature + 2.0 * Mix.Signed(Mix.Hash(_nodeSeed, 0xA0));
        _loadPeriodSeconds = 900 + 1200 * Mix.Unit(Mix.Hash(_nodeSeed, 0xA1));
        _loadPhase = 2 * Math.PI * Mix.Unit(Mix.Hash(_nodeSeed, 0xA2));
    }

    /// <summary>A node built in a power state starts in steady state for it.</summary>
    private void ResetSensorSegments(DateTimeOffset t)
    {
        _segmentStart = t;
        Array.Clear(_segmentDelta);
    }

    /// <summary>Main power or the ambient temperature changes at <paramref name="t"/>: every lag restarts
    /// from its value then (or from its power-on start / power-off drop).</summary>
    private void StartSensorSegment(DateTimeOffset t, bool powered, double ambient)
    {
        int count = Sensors.Count;
        Span<double> start = count <= 128 ? stackalloc double[count] : new double[count];
        for (int i = 0; i < count; i++)
        {
            if (Sensors[i].Physics is { } p)
            {
                start[i] = BaseAt(i, p, t);
                if (powered && !_sensorsPowered && p.PowerOnStart is { } s)
                {
                    start[i] = s;
                }
            }
        }
        bool wasPowered = _sensorsPowered;
        _sensorsPowered = powered;
        _ambient = ambient;
        _segmentStart = t;
        for (int i = 0; i < count; i++)
        {
            if (Sensors[i].Physics is { } p)
            {
                if (!powered && wasPowered && p.DropsAtPowerOff)
                {
                    start[i] = TargetAt(p, i, t);
                }
                _segmentDelta[i] = start[i] - TargetAt(p, i, t);
            }
        }
    }

    private double Load(DateTimeOffset t)
    {
        double seconds = (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
        return Math.Sin(2 * Math.PI * seconds / _loadPeriodSeconds + _loadPhase);
    }

    private double NodeOffset(int i) => Mix.Signed(Mix.Hash(_nodeSeed, 0x5E, (ulong)i));

    private double AmbientShift(SensorPhysics p) => p.AmbientCoupling * (_ambient - SensorPhysics.ReferenceAmbient);

    private double TargetAt(SensorPhysics p, int i, DateTimeOffset t) => _sensorsPowered
        ? p.OnValue + p.NodeSpread * NodeOffset(i) + p.LoadSwing * Load(t) + AmbientShift(p)
        : p.OffValue + AmbientShift(p);

    private double BaseAt(int i, SensorPhysics p, DateTimeOffset t)
    {
        double dt = (t - _segmentStart).TotalSeconds;
        return TargetAt(p, i, t) + _segmentDelta[i] * Math.Exp(-dt / p.TimeConstantSeconds);
    }

    private double NoiseAmplitude(SensorPhysics p) => _sensorsPowered ? p.Noise : p.NoiseWhenOff;

    private double ValueAt(int i, DateTimeOffset t)
    {
        if (_forced?[i] is { } forced)
        {
            return forced;
        }
        if (_failed?[i] == true)
        {
            return 0;
        }
        if (_stuck?[i] is { } stuck)
        {
            return stuck;
        }
        var p = Sensors[i].Physics!;
        long slot = t.UtcTicks / _scanTicks;
        double noise = NoiseAmplitude(p) * Mix.Signed(Mix.Hash(_nodeSeed, (ulong)i + 0x100, (ulong)slot));
        return Math.Max(p.Minimum, (BaseAt(i, p, t) + noise) * WearAt(i, t));
    }

    /// <summary>Whether the BMC gets a reading: main-power sensors read nothing while off (unless forced).</summary>
    private bool IsReadable(int i) =>
        !Sensors[i].RequiresMainPower || _sensorsPowered || _forced?[i] is not null;

    private SensorSample Sample(int i, DateTimeOffset now)
    {
        var definition = Sensors[i];
        if (!definition.IsThreshold)
        {
            return new SensorSample(definition, 0, definition.EventOnly, _discrete[i]);
        }
        double value = ValueAt(i, now);
        bool unavailable = !IsReadable(i);
        return new SensorSample(definition, value, unavailable, unavailable ? (ushort)0 : ComparisonBits(definition, value));
    }

    private static ushort ComparisonBits(SensorDefinition definition, double value)
    {
        ushort bits = 0;
        for (var t = SensorThreshold.LowerNonCritical; t <= SensorThreshold.UpperNonRecoverable; t++)
        {
            if (definition.Thresholds[t] is { } limit && (t.IsUpper() ? value >= limit : value <= limit))
            {
                bits |= (ushort)(1 << (int)t);
            }
        }
        return bits;
    }

    /// <summary>Compares every scan slot in (from, to] for the sensors that could change state in it.</summary>
    private void ScanSensors(DateTimeOffset from, DateTimeOffset to)
    {
        long first = from.UtcTicks / _scanTicks + 1;
        long last = to.UtcTicks / _scanTicks;
        if (first > last)
        {
            return;
        }
        var a = new DateTimeOffset(first * _scanTicks, TimeSpan.Zero);
        var b = new DateTimeOffset(last * _scanTicks, TimeSpan.Zero);
        int count = Sensors.Count;
        Span<int> candidates = count <= 128 ? stackalloc int[count] : new int[count];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (Sensors[i].IsThreshold && IsReadable(i) && MayChangeState(i, a, b))
            {
                candidates[n++] = i;
            }
        }
        for (long slot = first; n > 0 && slot <= last; slot++)
        {
            var t = new DateTimeOffset(slot * _scanTicks, TimeSpan.Zero);
            foreach (int i in candidates[..n])
            {
                EvaluateThresholds(i, t, ValueAt(i, t));
            }
        }
    }

    /// <summary>Bounds the sensor's value over [a, b] within the current segment and asks whether any value in
    /// the bounds would assert or deassert a threshold.</summary>
    private bool MayChangeState(int i, DateTimeOffset a, DateTimeOffset b)
    {
        var definition = Sensors[i];
        double lo, hi;
        if (_forced?[i] is { } forced)
        {
            lo = hi = forced;
        }
        else if (_failed?[i] == true)
        {
            lo = hi = 0;
        }
        else if (_stuck?[i] is { } stuck)
        {
            lo = hi = stuck;
        }
        else
        {
            var p = definition.Physics!;
            double center = _sensorsPowered
                ? p.OnValue + p.NodeSpread * NodeOffset(i) + AmbientShift(p)
                : p.OffValue + AmbientShift(p);
            double swing = _sensorsPowered ? Math.Abs(p.LoadSwing) : 0;
            double da = _segmentDelta[i] * Math.Exp(-(a - _segmentStart).TotalSeconds / p.TimeConstantSeconds);
            double db = _segmentDelta[i] * Math.Exp(-(b - _segmentStart).TotalSeconds / p.TimeConstantSeconds);
            double noise = NoiseAmplitude(p);
            // wear only grows with time: the factor is smallest at b, largest at a
            lo = Math.Max(p.Minimum, (center - swing + Math.Min(da, db) - noise) * WearAt(i, b));
            hi = Math.Max(p.Minimum, (center + swing + Math.Max(da, db) + noise) * WearAt(i, a));
        }
        byte asserted = _asserted[i];
        double h = definition.Hysteresis;
        for (var t = SensorThreshold.LowerNonCritical; t <= SensorThreshold.UpperNonRecoverable; t++)
        {
            if (definition.Thresholds[t] is not { } limit)
            {
                continue;
            }
            bool isAsserted = (asserted & (1 << (int)t)) != 0;
            bool change = t.IsUpper()
                ? (isAsserted ? lo < limit - h : hi >= limit)
                : (isAsserted ? hi > limit + h : lo <= limit);
            if (change)
            {
                return true;
            }
        }
        return false;
    }

    private void EvaluateNow(int i, DateTimeOffset now)
    {
        if (IsReadable(i))
        {
            EvaluateThresholds(i, now, ValueAt(i, now));
        }
    }

    /// <summary>Asserts on reaching a threshold, deasserts once back past it by the hysteresis; deassertions
    /// are logged most severe first, assertions least severe first.</summary>
    private void EvaluateThresholds(int i, DateTimeOffset t, double value)
    {
        var definition = Sensors[i];
        double h = definition.Hysteresis;
        foreach (var threshold in DeassertOrder)
        {
            byte bit = (byte)(1 << (int)threshold);
            if ((_asserted[i] & bit) != 0 && definition.Thresholds[threshold] is { } limit
                && (threshold.IsUpper() ? value < limit - h : value > limit + h))
            {
                _asserted[i] &= (byte)~bit;
                LogThresholdEvent(t, definition, threshold, EventDirection.Deassertion, value, limit);
            }
        }
        foreach (var threshold in AssertOrder)
        {
            byte bit = (byte)(1 << (int)threshold);
            if ((_asserted[i] & bit) == 0 && definition.Thresholds[threshold] is { } limit
                && (threshold.IsUpper() ? value >= limit : value <= limit))
            {
                _asserted[i] |= bit;
                LogThresholdEvent(t, definition, threshold, EventDirection.Assertion, value, limit);
            }
        }
    }

    private int ThresholdSensorIndex(byte number)
    {
        int i = Sensors.IndexOf(number);
        if (i < 0 || !Sensors[i].IsThreshold)
        {
            throw new ArgumentException($"No threshold sensor 0x{number:X2} on {Name}.", nameof(number));
        }
        return i;
    }

    private void SetFanFailed(int fan, bool failed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fan, 1);
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex((byte)(SensorNumbers.Fan1 + fan - 1));
            _failed ??= new bool[Sensors.Count];
            _failed[i] = failed;
            EvaluateNow(i, now);
        }
    }

    private bool AnyFanFailed()
    {
        if (_failed is null)
        {
            return false;
        }
        foreach (bool f in _failed)
        {
            if (f)
            {
                return true;
            }
        }
        return false;
    }

    private static byte PsuNumber(int psu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(psu, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(psu, SensorNumbers.PsuCount);
        return (byte)(SensorNumbers.Psu1Status + psu - 1);
    }

    private bool AnyPowerSupplyWorking()
    {
        bool anyPsu = false;
        for (int p = 1; p <= SensorNumbers.PsuCount; p++)
        {
            int i = Sensors.IndexOf(PsuNumber(p));
            if (i < 0)
            {
                continue;
            }
            anyPsu = true;
            if ((_discrete[i] & (1 << PsuStateBit.Failure)) == 0)
            {
                return true;
            }
        }
        return !anyPsu; // a sensor table without PSUs never loses power
    }

    /// <summary>Sets one discrete state bit; with a time, logs the change (assertion or deassertion).</summary>
    private void SetDiscreteState(byte number, int bit, bool asserted, DateTimeOffset? logAt = null,
        ushort generator = SelGenerator.Bmc)
    {
        int i = Sensors.IndexOf(number);
        if (i < 0)
        {
            return;
        }
        ushort mask = (ushort)(1 << bit);
        bool was = (_discrete[i] & mask) != 0;
        if (was == asserted)
        {
            return;
        }
        _discrete[i] = asserted ? (ushort)(_discrete[i] | mask) : (ushort)(_discrete[i] & ~mask);
        if (logAt is { } t)
        {
            LogSensorEvent(t, number, (byte)bit, asserted ? EventDirection.Assertion : EventDirection.Deassertion, generator);
        }
    }

    /// <summary>Table 42-3 Power Supply offsets.</summary>
    private static class PsuStateBit
    {
        public const int Presence = 0;
        public const int Failure = 1;
    }
}

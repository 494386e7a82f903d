namespace Lifeline.Simulator.Model;

// Degradation scenarios for monitoring tests: slow failures that are functions of time, computed lazily like the rest
// of the model (no timers). A worn fan scales the sensor's normal physics value down, so the threshold grid
// logs its crossings; DIMM errors and SEL floods are event schedules whose arrival times are hashes of the node seed.
public sealed partial class BmcModel
{
    private readonly List<EventSchedule> _schedules = [];
    private SensorWear?[]? _wear;
    private double?[]? _stuck;

    /// <summary>
    /// Fan <paramref name="fan"/> (1-based) wears out: from <paramref name="start"/> (default now) it loses
    /// <paramref name="rpmPerMinute"/> of its nominal speed every minute, i.e. its normal reading is scaled by
    /// 1 − rate·t / nominal (floor 0). It crosses lower non-critical, then lower critical; the threshold scan logs each
    /// crossing at the first scan slot past it. Scaling (not subtracting) also shrinks the load swing as the fan slows,
    /// so a slow wear does not flap around a threshold the way a constant offset under a varying load would.
    /// </summary>
    public void DegradeFan(int fan, double rpmPerMinute, DateTimeOffset? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fan, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fan, SensorNumbers.FanCount);
        ArgumentOutOfRangeException.ThrowIfNegative(rpmPerMinute);
        DegradeSensor((byte)(SensorNumbers.Fan1 + fan - 1), rpmPerMinute / 60.0, start);
    }

    /// <summary>
    /// Any threshold sensor with a positive nominal (powered) value wears: it loses <paramref name="unitsPerSecond"/> of
    /// that value each second from <paramref name="start"/> (default now), its reading scaled down to 0; 0 ends the wear
    /// (the reading is normal again, as after a replacement).
    /// </summary>
    public void DegradeSensor(byte number, double unitsPerSecond, DateTimeOffset? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitsPerSecond);
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex(number);
            double nominal = Sensors[i].Physics!.OnValue;
            if (nominal <= 0)
            {
                throw new ArgumentException($"Sensor 0x{number:X2} on {Name} has no positive nominal value to wear from.", nameof(number));
            }
            _wear ??= new SensorWear?[Sensors.Count];
            var from = start is { } s && s > now ? s : now;
            _wear[i] = unitsPerSecond > 0 ? new SensorWear(from, unitsPerSecond / nominal) : null;
            EvaluateNow(i, now);
        }
    }

    /// <summary>Ends the wear of fan <paramref name="fan"/> (replaced): its reading is normal again.</summary>
    public void RepairFanDegradation(int fan) => DegradeFan(fan, 0);

    /// <summary>
    /// DIMM <paramref name="dimm"/> (0-based) degrades: correctable ECC events at a rate of
    /// <paramref name="initialPerHour"/> growing by <paramref name="growthPerHourPerHour"/> each hour (a non-homogeneous
    /// Poisson process whose arrival times are derived from the node's seed, so runs repeat), logged while main power
    /// is on; with <paramref name="uncorrectableAfter"/>, one uncorrectable error that long after the start.
    /// </summary>
    public void DegradeDimm(int dimm, double initialPerHour, double growthPerHourPerHour, TimeSpan? uncorrectableAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimm);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimm, SensorNumbers.DimmCount);
        ArgumentOutOfRangeException.ThrowIfNegative(initialPerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(growthPerHourPerHour);
        lock (_lock)
        {
            var now = Sync();
            _schedules.RemoveAll(s => s is DimmDegradation d && d.Dimm == dimm);
            _schedules.Add(new DimmDegradation(this, now, dimm, initialPerHour, growthPerHourPerHour, uncorrectableAfter));
        }
    }

    /// <summary>
    /// A chatty OS agent floods the SEL: <paramref name="perMinute"/> informational "OS Boot" events a minute (0 stops
    /// it). A SEL that fills up sets its overflow flag (and stops or wraps, per <see cref="BmcOptions.SelFullBehavior"/>).
    /// </summary>
    public void FloodSel(double perMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perMinute);
        lock (_lock)
        {
            var now = Sync();
            _schedules.RemoveAll(s => s is SelFlood);
            if (perMinute > 0)
            {
                _schedules.Add(new SelFlood(now, perMinute));
            }
        }
    }

    /// <summary>The threshold sensor <paramref name="number"/> freezes at its present reading (a stale sensor): it
    /// reads the same value, and raises no threshold events, until <see cref="UnstickSensor"/>.</summary>
    public void StickSensor(byte number)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex(number);
            double value = ValueAt(i, now);
            _stuck ??= new double?[Sensors.Count];
            _stuck[i] = value;
        }
    }

    public void UnstickSensor(byte number)
    {
        lock (_lock)
        {
            var now = Sync();
            int i = ThresholdSensorIndex(number);
            if (_stuck is not null)
            {
                _stuck[i] = null;
            }
            EvaluateNow(i, now);
        }
    }

    /// <summary>The first threshold sensor whose name is <paramref name="name"/> (case-insensitive), for scenarios given by name.</summary>
    public SensorDefinition? FindSensor(string name) =>
        Sensors.Sensors.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The factor a worn sensor's normal value is scaled by at <paramref name="t"/> (1 when not worn).</summary>
    private double WearAt(int i, DateTimeOffset t) =>
        _wear?[i] is { } w && t > w.Start ? Math.Max(0, 1 - w.FractionPerSecond * (t - w.Start).TotalSeconds) : 1;

    private void RunScheduled(DateTimeOffset t)
    {
        foreach (var schedule in _schedules)
        {
            if (schedule.NextDue <= t)
            {
                schedule.Fire(this, t);
                return;
            }
        }
    }

    /// <summary>PSU redundancy follows the supplies: lost while any of them has failed (logged both ways).</summary>
    private void UpdatePsuRedundancy(DateTimeOffset t)
    {
        int i = Sensors.IndexOf(SensorNumbers.PsuRedundancy);
        if (i < 0)
        {
            return;
        }
        bool allWorking = true;
        for (int p = 1; p <= SensorNumbers.PsuCount; p++)
        {
            int k = Sensors.IndexOf(PsuNumber(p));
            if (k >= 0 && (_discrete[k] & (1 << PsuStateBit.Failure)) != 0)
            {
                allWorking = false;
            }
        }
        SetDiscreteState(SensorNumbers.PsuRedundancy, RedundancyState.Lost, !allWorking, t, SelGenerator.Bmc);
        SetDiscreteState(SensorNumbers.PsuRedundancy, RedundancyState.FullyRedundant, allWorking, t, SelGenerator.Bmc);
    }

    private readonly record struct SensorWear(DateTimeOffset Start, double FractionPerSecond);

    /// <summary>Table 42-2 generic offsets of event/reading type 0Bh.</summary>
    private static class RedundancyState
    {
        public const int FullyRedundant = 0;
        public const int Lost = 1;
    }

    /// <summary>Events that arrive on their own at computed times.</summary>
    private abstract class EventSchedule
    {
        public DateTimeOffset NextDue { get; protected set; } = DateTimeOffset.MaxValue;

        /// <summary>Logs what is due at <paramref name="t"/> and moves <see cref="NextDue"/> on.</summary>
        public abstract void Fire(BmcModel model, DateTimeOffset t);
    }

    /// <summary>
    /// Correctable ECC at rate λ(h) = a + g·h per hour, h hours after the start: the k-th arrival is where the integral
    /// a·h + g·h²/2 reaches the sum of k unit exponentials (inversion), each exponential a hash of (seed, DIMM, k).
    /// </summary>
    private sealed class DimmDegradation : EventSchedule
    {
        private readonly ulong _seed;
        private readonly DateTimeOffset _start;
        private readonly double _a;
        private readonly double _g;
        private DateTimeOffset _uncorrectableAt;
        private DateTimeOffset _nextCorrectable;
        private double _sum;
        private ulong _k;

        public DimmDegradation(BmcModel model, DateTimeOffset start, int dimm, double a, double g, TimeSpan? uncorrectableAfter)
        {
            Dimm = dimm;
            _seed = Mix.Hash(model._nodeSeed, 0xD1, (ulong)dimm);
            _start = start;
            _a = a;
            _g = g;
            _uncorrectableAt = uncorrectableAfter is { } u ? start + u : DateTimeOffset.MaxValue;
            _nextCorrectable = NextArrival();
            NextDue = Min(_nextCorrectable, _uncorrectableAt);
        }

        public int Dimm { get; }

        public override void Fire(BmcModel model, DateTimeOffset t)
        {
            bool on = model._power.IsMainPowerOn();
            if (_uncorrectableAt <= t)
            {
                if (on)
                {
                    model.LogMemoryError(t, Dimm, uncorrectable: true);
                }
                _uncorrectableAt = DateTimeOffset.MaxValue;
            }
            else
            {
                if (on)
                {
                    model.LogMemoryError(t, Dimm, uncorrectable: false);
                }
                _nextCorrectable = NextArrival();
            }
            NextDue = Min(_nextCorrectable, _uncorrectableAt);
        }

        private DateTimeOffset NextArrival()
        {
            if (_a <= 0 && _g <= 0)
            {
                return DateTimeOffset.MaxValue;
            }
            _sum += -Math.Log(1 - Mix.Unit(Mix.Hash(_seed, _k++)));
            double hours = _g > 0 ? (-_a + Math.Sqrt(_a * _a + 2 * _g * _sum)) / _g : _sum / _a;
            return hours > 1e6 ? DateTimeOffset.MaxValue : _start + TimeSpan.FromHours(hours);
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }

    /// <summary>Evenly spaced informational SEL events (k / rate after the start).</summary>
    private sealed class SelFlood : EventSchedule
    {
        private readonly DateTimeOffset _start;
        private readonly double _perMinute;
        private long _k = 1;

        public SelFlood(DateTimeOffset start, double perMinute)
        {
            _start = start;
            _perMinute = perMinute;
            NextDue = At(_k);
        }

        public override void Fire(BmcModel model, DateTimeOffset t)
        {
            // OS Boot (1Fh) offset 1 "C: boot completed", from system management software: harmless, decodable noise
            model.LogSensorEvent(t, SensorNumbers.OsBoot, 0x01, EventDirection.Assertion, SelGenerator.Os);
            NextDue = At(++_k);
        }

        private DateTimeOffset At(long k) => _start + TimeSpan.FromMinutes(k / _perMinute);
    }
}

namespace Lifeline.Simulator.Model;

/// <summary>
/// One simulated server and its BMC, independent of any wire protocol. Faces (IPMI, Redfish, console) read and
/// drive it; it holds structured data only.
/// <para>
/// No timers and no threads: every public member takes the model's lock and first brings the model up to the
/// <see cref="TimeProvider"/>'s present, applying in time order whatever fell due since the last access (power
/// transitions, console lines, threshold scans on a fixed grid, random ECC errors). The same seed, node index,
/// command history and times therefore give the same sensors, SEL and console bytes, however often anyone looks.
/// </para>
/// </summary>
public sealed partial class BmcModel
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly BmcSharedDefaults _shared;
    private readonly ulong _nodeSeed;
    private readonly DateTimeOffset _createdAt;
    private DateTimeOffset _advancedTo;
    private Random? _random;

    /// <summary>Builds one node. For many nodes use <see cref="BmcFleetModel"/>, which shares immutable parts.</summary>
    public BmcModel(int index, BmcOptions options, TimeProvider timeProvider, int seed = 0, string? name = null)
        : this(index, name ?? BmcFleetModel.NodeName("node", index, 3), seed, BmcSharedDefaults.Create(options), timeProvider)
    {
    }

    internal BmcModel(int index, string name, int seed, BmcSharedDefaults shared, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Index = index;
        Name = name;
        Seed = seed;
        _shared = shared;
        _time = timeProvider;
        _nodeSeed = Mix.Hash((ulong)(uint)seed, (ulong)index);
        _createdAt = timeProvider.GetUtcNow();
        _advancedTo = _createdAt;
        _faults = shared.Faults;
        _sel = new SelLog(shared.Options.SelCapacity, shared.Options.SelFullBehavior, shared.Options.SelRestartsRecordIdsAfterClear);
        _users = shared.Users;
        InitializeSensors();
        InitializePower();
    }

    /// <summary>Position of the node in its fleet (0-based).</summary>
    public int Index { get; }

    /// <summary>The host name, e.g. "node001".</summary>
    public string Name { get; }

    /// <summary>The fleet seed this node was derived from.</summary>
    public int Seed { get; }

    public BmcOptions Options => _shared.Options;

    public TimeProvider TimeProvider => _time;

    /// <summary>
    /// When something will next happen on its own (a power transition, a console line, a random event),
    /// so a face can arm one timer instead of polling. <see cref="DateTimeOffset.MaxValue"/> when nothing is due.
    /// Threshold scans are not included: they happen whenever the model is next accessed.
    /// </summary>
    public DateTimeOffset NextScheduledChange
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return NextDue();
            }
        }
    }

    /// <summary>Brings the model up to the present; other members do this themselves.</summary>
    public void Advance()
    {
        lock (_lock)
        {
            Sync();
        }
    }

    private Random Random => _random ??= new Random((int)(_nodeSeed ^ (_nodeSeed >> 32)));

    /// <summary>Advances to the provider's present and returns it. Time never runs backwards for the model.</summary>
    private DateTimeOffset Sync()
    {
        var now = _time.GetUtcNow();
        if (now > _advancedTo)
        {
            AdvanceTo(now);
        }
        return _advancedTo;
    }

    private void AdvanceTo(DateTimeOffset now)
    {
        while (true)
        {
            var due = NextDue();
            if (due > now)
            {
                break;
            }
            if (due < _advancedTo)
            {
                due = _advancedTo;
            }
            ScanSensors(_advancedTo, due);
            _advancedTo = due;
            RunDue(due);
        }
        ScanSensors(_advancedTo, now);
        _advancedTo = now;
    }

    private DateTimeOffset NextDue()
    {
        var due = _powerDeadline;
        if (_console is { } console && console.NextDue < due)
        {
            due = console.NextDue;
        }
        if (_nextEccAt < due)
        {
            due = _nextEccAt;
        }
        foreach (var schedule in _schedules)
        {
            if (schedule.NextDue < due)
            {
                due = schedule.NextDue;
            }
        }
        return due;
    }

    /// <summary>Runs one thing that is due at <paramref name="t"/>; each moves its own due time on.</summary>
    private void RunDue(DateTimeOffset t)
    {
        if (_powerDeadline <= t)
        {
            RunPowerDeadline(t);
        }
        else if (_console is { } console && console.NextDue <= t)
        {
            OnConsoleMilestone(t, console.EmitDue());
        }
        else if (_nextEccAt <= t)
        {
            RunCorrectableEcc(t);
        }
        else
        {
            RunScheduled(t);
        }
    }
}

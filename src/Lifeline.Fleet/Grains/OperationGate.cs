namespace Lifeline.Fleet.Grains;

/// <summary>
/// Keeps one BMC's operations apart: a read takes one of <c>capacity</c> slots, a mutating operation takes all of
/// them, so it never runs beside anything else on that BMC, and reads never exceed the per-BMC cap. Waiters are served
/// in arrival order (a waiting mutation is not starved by later reads). Thread-safe; never disposed (a lease may
/// outlive the grain activation when a driver ignored its deadline).
/// </summary>
/// <remarks>
/// Why not serialise everything: a slow read (an SDR walk, a long SEL) would then hold up a power status for its whole
/// duration. Why not let everything interleave: two mutations on one BMC (power off, then boot pxe from another user)
/// must happen in one order, and a power action must not race the SEL clear's reservation.
/// </remarks>
internal sealed class OperationGate
{
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly int _capacity;

    public OperationGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>Slots free now (for tests and diagnostics).</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Waits for a slot (<paramref name="exclusive"/>: all slots); dispose the lease to give them back.</summary>
    public async Task<Lease> EnterAsync(bool exclusive, CancellationToken cancellationToken)
    {
        if (!exclusive)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this, 1, false);
        }
        // One mutation gathers slots at a time: two gathering at once could each hold half and wait forever.
        await _exclusive.WaitAsync(cancellationToken).ConfigureAwait(false);
        int held = 0;
        try
        {
            for (; held < _capacity; held++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (held > 0)
            {
                _slots.Release(held);
            }
            _exclusive.Release();
            throw;
        }
        return new Lease(this, _capacity, true);
    }

    /// <summary>Slots held by one operation; disposing twice gives them back once.</summary>
    public sealed class Lease : IDisposable
    {
        private OperationGate? _gate;
        private readonly int _slots;
        private readonly bool _exclusive;

        internal Lease(OperationGate gate, int slots, bool exclusive)
        {
            _gate = gate;
            _slots = slots;
            _exclusive = exclusive;
        }

        public void Dispose()
        {
            var gate = Interlocked.Exchange(ref _gate, null);
            if (gate is null)
            {
                return;
            }
            gate._slots.Release(_slots);
            if (_exclusive)
            {
                gate._exclusive.Release();
            }
        }
    }
}

using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;

namespace Lifeline.Drivers.Ipmi;

/// <summary>
/// The one RMCP+ session a warm <see cref="IpmiBmcBackend"/> keeps to its BMC. Verbs lease it: the first opens it,
/// later ones reuse it (the session itself keeps it alive and re-opens it once when the BMC stops answering it). A
/// verb that ends in a transport-level failure (timeout, lost session, unreachable) or is cancelled retires the
/// session: it is closed once its last verb has finished and the next verb opens a fresh one, so a session left
/// half-open by a hung or rebooting BMC never poisons later verbs.
/// </summary>
internal sealed class WarmIpmiSession : IAsyncDisposable
{
    /// <summary>Opens a session: target, settings, privilege, keep-alive interval, requests in flight.</summary>
    internal delegate Task<IpmiSession> Opener(BmcTarget target, ConnectionSettings settings, PrivilegeLevel privilege, TimeSpan? keepAlive,
        int maxConcurrentRequests, CancellationToken cancellationToken);

    private readonly Opener _open;
    private readonly WarmSessionOptions _options;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<Task> _closing = [];
    private Lease? _current;
    private volatile byte _ceiling;
    private bool _disposed;

    public WarmIpmiSession(Opener open, WarmSessionOptions options)
    {
        _open = open;
        _options = options;
        _ceiling = (byte)options.Privilege;
    }

    /// <summary>The highest privilege the BMC granted this credential (lowered to User after a refusal).</summary>
    private PrivilegeLevel Ceiling
    {
        get => (PrivilegeLevel)_ceiling;
        set => _ceiling = (byte)value;
    }

    /// <summary>Sessions opened so far (the first, and every one after a retired one).</summary>
    public int SessionsOpened { get; private set; }

    private sealed class Lease(IpmiSession session, BmcTarget target, ConnectionSettings settings, PrivilegeLevel privilege)
    {
        public IpmiSession Session { get; } = session;
        public BmcTarget Target { get; } = target;
        public ConnectionSettings Settings { get; } = settings;
        public PrivilegeLevel Privilege { get; } = privilege;
        public int Users { get; set; }
        public bool Retired { get; set; }
    }

    public async Task<T> RunAsync<T>(BmcTarget target, ConnectionSettings settings, PrivilegeLevel need, Func<IpmiSession, Task<T>> work,
        CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (need > Ceiling)
            {
                throw Refused(target, need, Ceiling);
            }
            var (lease, opened) = await AcquireAsync(target, settings, cancellationToken).ConfigureAwait(false);
            bool retire = false;
            try
            {
                if (need > lease.Privilege)
                {
                    throw Refused(target, need, lease.Privilege);
                }
                return await work(lease.Session).ConfigureAwait(false);
            }
            catch (IpmiException e) when (attempt == 0 && !opened && e.Error == IpmiError.SessionLost && !e.MayHaveBeenDelivered)
            {
                // The kept session died while idle (its keep-alive found the BMC gone and could not re-open it) and
                // nothing of this verb reached the BMC: open a fresh session and run the verb on it.
                retire = true;
            }
            catch (IpmiException e) when (e.Error is IpmiError.Timeout or IpmiError.SessionLost or IpmiError.Unreachable or IpmiError.MalformedResponse)
            {
                retire = true;
                throw;
            }
            catch (OperationCanceledException)
            {
                // Cancelled mid-exchange (the caller's deadline): the session may be half re-opened. A fresh one is cheap.
                retire = true;
                throw;
            }
            catch (ObjectDisposedException)
            {
                retire = true;
                throw;
            }
            finally
            {
                Release(lease, retire);
            }
        }
    }

    private IpmiException Refused(BmcTarget target, PrivilegeLevel need, PrivilegeLevel have) => new(IpmiError.InsufficientPrivilege,
        have < _options.Privilege
            ? $"{target.Node}: the BMC lets user '{target.User}' log in at {have} privilege only; this needs {need}"
            : $"{target.Node}: the warm session runs at {have} privilege; this needs {need}");

    /// <summary>The current session, or a new one (<c>Opened</c>) when there is none for this target and settings.</summary>
    private async Task<(Lease Lease, bool Opened)> AcquireAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (TryLease(target, settings) is { } reused)
        {
            return (reused, false);
        }
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // another verb may have opened it while this one waited
            if (TryLease(target, settings) is { } openedMeanwhile)
            {
                return (openedMeanwhile, false);
            }
            ObjectDisposedException.ThrowIf(_disposed, this);
            var (session, privilege) = await OpenAsync(target, settings, cancellationToken).ConfigureAwait(false);
            var lease = new Lease(session, target, settings, privilege) { Users = 1 };
            Lease? replaced;
            lock (_lock)
            {
                if (_disposed)
                {
                    lease.Retired = true;
                    replaced = null;
                }
                else
                {
                    replaced = _current;
                    _current = lease;
                    SessionsOpened++;
                }
            }
            if (lease.Retired)
            {
                await lease.Session.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(WarmIpmiSession));
            }
            if (replaced is not null)
            {
                Retire(replaced);
            }
            return (lease, true);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The current session when it serves this target with these settings (one per node grain: the same instance).</summary>
    private Lease? TryLease(BmcTarget target, ConnectionSettings settings)
    {
        lock (_lock)
        {
            if (_current is { Retired: false } current && current.Target == target && ReferenceEquals(current.Settings, settings))
            {
                current.Users++;
                return current;
            }
            return null;
        }
    }

    private async Task<(IpmiSession Session, PrivilegeLevel Privilege)> OpenAsync(BmcTarget target, ConnectionSettings settings,
        CancellationToken cancellationToken)
    {
        var wanted = (PrivilegeLevel)Math.Min((byte)settings.Privilege, (byte)Ceiling);
        try
        {
            return (await _open(target, settings, wanted, _options.KeepAliveInterval, _options.MaxConcurrentRequests, cancellationToken)
                .ConfigureAwait(false), wanted);
        }
        catch (IpmiException e) when (e.Error == IpmiError.InsufficientPrivilege && wanted > PrivilegeLevel.User)
        {
            // The credential may not log in at Operator: read at User, and remember it (each refused attempt can hold
            // a BMC session slot until it times out). Mutating verbs then report insufficient-privilege.
            Ceiling = PrivilegeLevel.User;
            return (await _open(target, settings, PrivilegeLevel.User, _options.KeepAliveInterval, _options.MaxConcurrentRequests, cancellationToken)
                .ConfigureAwait(false), PrivilegeLevel.User);
        }
    }

    private void Release(Lease lease, bool retire)
    {
        bool close;
        lock (_lock)
        {
            lease.Users--;
            if (retire && !lease.Retired)
            {
                lease.Retired = true;
                if (ReferenceEquals(_current, lease))
                {
                    _current = null;
                }
            }
            close = lease.Retired && lease.Users == 0;
        }
        if (close)
        {
            StartClose(lease);
        }
    }

    private void Retire(Lease lease)
    {
        bool close;
        lock (_lock)
        {
            lease.Retired = true;
            close = lease.Users == 0;
        }
        if (close)
        {
            StartClose(lease);
        }
    }

    /// <summary>Closes in the background (Close Session to a BMC that may not answer takes a few attempts).</summary>
    private void StartClose(Lease lease)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await lease.Session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IpmiException or ObjectDisposedException or OperationCanceledException)
            {
                // closing is best effort: the BMC expires the session itself
            }
        });
        lock (_lock)
        {
            _closing.RemoveAll(t => t.IsCompleted);
            _closing.Add(task);
        }
    }

    /// <summary>Closes the session (Close Session, IPMI v2.0 §22.19) once no verb uses it, and waits for every close.</summary>
    public async ValueTask DisposeAsync()
    {
        Lease? current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            current = _current;
            _current = null;
        }
        if (current is not null)
        {
            Retire(current);
        }
        Task[] closing;
        lock (_lock)
        {
            closing = [.. _closing];
        }
        // A verb still running closes its session when it ends. Bounded in real time: disposing never hangs, whatever
        // clock the sessions were given (each close is capped by the session too).
        await Task.WhenAll(closing).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

using Lifeline.Drivers;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// A node's warm backend with the target and settings it was made for. Operations hold a reference while they run;
/// once retired (definition or credential changed, grain deactivated) it closes its sessions and forgets the password
/// when the last operation has let go. Thread-safe.
/// </summary>
internal sealed class NodeConnection
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Secret _password;
    private int _users;
    private bool _retired;

    public NodeConnection(IBmcBackend backend, BmcTarget target, ConnectionSettings settings, Secret password)
    {
        Backend = backend;
        Target = target;
        Settings = settings;
        _password = password;
    }

    public IBmcBackend Backend { get; }

    public BmcTarget Target { get; }

    public ConnectionSettings Settings { get; }

    /// <summary>Takes a reference for one operation; false once retired.</summary>
    public bool TryAddUser()
    {
        lock (_lock)
        {
            if (_retired)
            {
                return false;
            }
            _users++;
            return true;
        }
    }

    public void RemoveUser()
    {
        bool close;
        lock (_lock)
        {
            _users--;
            close = _retired && _users == 0;
        }
        if (close)
        {
            _ = CloseAsync();
        }
    }

    /// <summary>No new operations; closes once the running ones end. Completes when closed.</summary>
    public Task RetireAsync()
    {
        bool close;
        lock (_lock)
        {
            if (_retired)
            {
                return _closed.Task;
            }
            _retired = true;
            close = _users == 0;
        }
        if (close)
        {
            _ = CloseAsync();
        }
        return _closed.Task;
    }

    private async Task CloseAsync()
    {
        try
        {
            if (Backend is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // closing sessions is best effort: the BMC expires them itself
        }
        finally
        {
            _password.Dispose();
            _closed.TrySetResult();
        }
    }
}

using System.Buffers;
using System.Net.Sockets;
using Lifeline.Consoles.Sources;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Lifeline.Consoles.Ssh;

/// <summary>
/// A console over SSH (SSH.NET): an interactive shell channel with a pty. The server's host key is checked against the
/// SHA-256 fingerprint pinned in a <see cref="KnownHostsFile"/>: first use pins it (when allowed), a different key is
/// refused with <see cref="ConsoleErrorCategory.HostKeyChanged"/> until the old pin is forgotten.
/// </summary>
public sealed class SshConsoleSource : IConsoleSource
{
    private readonly SshConsoleOptions _options;
    private readonly KnownHostsFile _knownHosts;
    private readonly ConsoleOutputQueue _output = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SshClient? _client;
    private ShellStream? _shell;
    private Task? _pump;
    private string? _hostKeyRefusal;
    private ConsoleErrorCategory _hostKeyCategory;
    private int _disposed;

    public SshConsoleSource(SshConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _knownHosts = new KnownHostsFile(options.KnownHostsPath);
    }

    public string Description => $"ssh://{_options.UserName}@{_options.Host}:{_options.Port}";

    /// <summary>SSH.NET's shell stream has no break request (RFC 4335); a break is not available over SSH here.</summary>
    public bool SupportsBreak => false;

    public Task Completion => _output.Completion;

    /// <summary>The SHA-256 fingerprint the server presented ("SHA256:…"), once connected or refused.</summary>
    public string? PresentedFingerprint { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_client is not null)
        {
            throw new InvalidOperationException($"{Description} is already connected");
        }
        var methods = new List<AuthenticationMethod>();
        if (_options.PrivateKey is { Length: > 0 } key)
        {
            try
            {
                using var keyStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(key));
                var file = _options.PrivateKeyPassphrase is null ? new PrivateKeyFile(keyStream) : new PrivateKeyFile(keyStream, _options.PrivateKeyPassphrase);
                methods.Add(new PrivateKeyAuthenticationMethod(_options.UserName, file));
            }
            catch (SshException e)
            {
                throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Description}: the private key does not load ({e.GetType().Name})",
                    "store the key in OpenSSH or PEM format, with the right passphrase", e);
            }
        }
        if (_options.Password is not null)
        {
            methods.Add(new PasswordAuthenticationMethod(_options.UserName, _options.Password));
        }
        if (methods.Count == 0)
        {
            throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Description}: no password or key given", "store a password or key for this console");
        }
        var connection = new ConnectionInfo(_options.Host, _options.Port, _options.UserName, [.. methods]) { Timeout = _options.ConnectTimeout };
        var client = new SshClient(connection);
        client.HostKeyReceived += OnHostKey;
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            _shell = client.CreateShellStream(_options.TerminalType, _options.Columns, _options.Rows, 0, 0, 32 * 1024);
        }
        catch (Exception e) when (e is SshException or SocketException or TimeoutException or InvalidOperationException)
        {
            client.Dispose();
            throw Translate(e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        _pump = Task.Run(() => PumpAsync(_shell, _stop.Token), CancellationToken.None);
    }

    private void OnHostKey(object? sender, HostKeyEventArgs e)
    {
        string fingerprint = "SHA256:" + e.FingerPrintSHA256;
        PresentedFingerprint = fingerprint;
        var pinned = _knownHosts.Find(_options.Host, _options.Port);
        if (pinned is null)
        {
            if (_options.TrustOnFirstUse)
            {
                _knownHosts.Pin(_options.Host, _options.Port, e.HostKeyName, fingerprint);
                e.CanTrust = true;
            }
            else
            {
                _hostKeyCategory = ConsoleErrorCategory.Authentication;
                _hostKeyRefusal = $"the host key {fingerprint} is not pinned and trust on first use is off";
                e.CanTrust = false;
            }
            return;
        }
        if (string.Equals(pinned.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            e.CanTrust = true;
            return;
        }
        _hostKeyCategory = ConsoleErrorCategory.HostKeyChanged;
        _hostKeyRefusal = $"the host key changed: pinned {pinned.Algorithm} {pinned.Fingerprint}, presented {e.HostKeyName} {fingerprint}";
        e.CanTrust = false;
    }

    private ConsoleException Translate(Exception e)
    {
        if (_hostKeyRefusal is not null)
        {
            return _hostKeyCategory == ConsoleErrorCategory.HostKeyChanged
                ? new ConsoleException(ConsoleErrorCategory.HostKeyChanged, $"{Description}: {_hostKeyRefusal}",
                    "verify the new key out of band (a reinstalled or replaced device, or an attacker); then re-trust the host to pin it", e)
                : new ConsoleException(ConsoleErrorCategory.Authentication, $"{Description}: {_hostKeyRefusal}", "pin the host key first", e);
        }
        return e switch
        {
            SshAuthenticationException => new ConsoleException(ConsoleErrorCategory.Authentication, $"{Description}: the server refused the credentials",
                "check the user name and the password or key in the credential store", e),
            SocketException or SshOperationTimeoutException or TimeoutException => new ConsoleException(ConsoleErrorCategory.Unreachable,
                $"{Description}: {e.Message}", "check that the SSH server is up and reachable", e),
            _ => new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e),
        };
    }

    private async Task PumpAsync(ShellStream shell, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (true)
            {
                int n = await shell.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    _output.Complete(cancellationToken.IsCancellationRequested ? null
                        : new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the server closed the shell", "reconnect"));
                    return;
                }
                _output.Write(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.Complete();
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or IOException or SocketException)
        {
            _output.Complete(cancellationToken.IsCancellationRequested ? null
                : new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _output.ReadAllAsync(cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0 || _output.IsCompleted || _shell is null)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the console is not connected", "reconnect");
        }
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _shell.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _shell.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or IOException)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task SendBreakAsync(CancellationToken cancellationToken) =>
        throw new ConsoleException(ConsoleErrorCategory.Unsupported, $"{Description}: breaks are not available over SSH consoles",
            "use the device's own break sequence (e.g. a BMC's SSH-SOL escape), or its SOL or serial console");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _shell?.Dispose();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
        _client?.Dispose();
        _output.Complete();
        _stop.Dispose();
        _writeGate.Dispose();
    }
}

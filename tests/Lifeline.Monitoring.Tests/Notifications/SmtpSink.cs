using System.Diagnostics;

namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>
/// Debian's aiosmtpd (python3-aiosmtpd) as a real SMTP server on 127.0.0.1 with the Mailbox handler: every message
/// received lands as a file in a maildir.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _directory;
    private int _disposed;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string Maildir => Path.Combine(_directory, "maildir");

    /// <summary>Starts the sink; skips (fails in CI) when aiosmtpd is missing.</summary>
    public static async Task<SmtpSink> StartAsync()
    {
        Peer.Require(File.Exists(Python) && Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"),
            "aiosmtpd is not installed (/usr/lib/python3/dist-packages/aiosmtpd missing; apt-get install python3-aiosmtpd)");
        string directory = Path.Combine(Path.GetTempPath(), $"lifeline-smtp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        int port = Peer.FreeTcpPort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "maildir") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var sink = new SmtpSink(process, directory, port);
        try
        {
            await Peer.WaitUntilAsync(() => process.HasExited || Peer.IsBound(port, udp: false), $"aiosmtpd to listen on {port}");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }

        return sink;
    }

    /// <summary>The raw messages received, waiting (bounded) until there are <paramref name="count"/>.</summary>
    public async Task<string[]> WaitForMessagesAsync(int count)
    {
        string[] messages = [];
        await Peer.WaitUntilAsync(() =>
        {
            string folder = Path.Combine(Maildir, "new");
            messages = Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText)] : [];
            return messages.Length >= count;
        }, $"aiosmtpd to store {count} message(s)");
        return messages;
    }

    /// <summary>Stops the peer and deletes its folder; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Diagnostics;

namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>
/// Debian's rsyslogd with a private configuration: imudp and imtcp on 127.0.0.1 (kernel-chosen free ports), its work
/// directory in a temporary folder, two file actions: RSYSLOG_SyslogProtocol23Format (what it re-emits) and one
/// line of parsed properties (hostname|app-name|procid|msgid|facility|severity|structured-data|msg) per message.
/// </summary>
internal sealed class RsyslogPeer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/rsyslogd";

    private readonly Process _process;
    private readonly string _directory;
    private int _disposed;

    private RsyslogPeer(Process process, string directory, int udpPort, int tcpPort)
    {
        _process = process;
        _directory = directory;
        UdpPort = udpPort;
        TcpPort = tcpPort;
    }

    public int UdpPort { get; }

    public int TcpPort { get; }

    public string FieldsFile => Path.Combine(_directory, "fields.log");

    public string ProtocolFile => Path.Combine(_directory, "protocol23.log");

    /// <summary>Starts rsyslogd (on free ports, or the given ones to restart a collector); skips (fails in CI) when it is not installed.</summary>
    public static async Task<RsyslogPeer> StartAsync(int? udpPort = null, int? tcpPort = null)
    {
        Peer.Require(File.Exists(Binary), $"rsyslogd is not installed ({Binary} missing; apt-get install rsyslog)");
        string directory = Path.Combine(Path.GetTempPath(), $"lifeline-rsyslog-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        int udp = udpPort ?? Peer.FreeUdpPort();
        int tcp = tcpPort ?? Peer.FreeTcpPort();
        string config = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(config, $$"""
            global(workDirectory="{{directory}}")
            module(load="imudp")
            module(load="imtcp")
            input(type="imudp" address="127.0.0.1" port="{{udp}}")
            input(type="imtcp" address="127.0.0.1" port="{{tcp}}")
            template(name="fields" type="string" string="%hostname%|%app-name%|%procid%|%msgid%|%syslogfacility-text%|%syslogseverity-text%|%structured-data%|%msg%\n")
            *.* action(type="omfile" file="{{directory}}/protocol23.log" template="RSYSLOG_SyslogProtocol23Format")
            *.* action(type="omfile" file="{{directory}}/fields.log" template="fields")
            """);

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-n", "-f", config, "-i", Path.Combine(directory, "rsyslogd.pid") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("rsyslogd did not start");
        var peer = new RsyslogPeer(process, directory, udp, tcp);
        try
        {
            await Peer.WaitUntilAsync(() => process.HasExited || (Peer.IsBound(udp, udp: true) && Peer.IsBound(tcp, udp: false)),
                $"rsyslogd to bind udp {udp} and tcp {tcp}");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>The parsed-property lines written so far, waiting (bounded) until there are <paramref name="count"/>.</summary>
    public async Task<string[]> WaitForLinesAsync(int count)
    {
        string[] lines = [];
        await Peer.WaitUntilAsync(() =>
        {
            lines = File.Exists(FieldsFile) ? File.ReadAllLines(FieldsFile) : [];
            return lines.Length >= count;
        }, $"rsyslogd to write {count} message(s) to {FieldsFile}");
        return lines;
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

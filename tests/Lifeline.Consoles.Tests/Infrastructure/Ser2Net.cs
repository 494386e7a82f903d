using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Infrastructure;

/// <summary>
/// Debian's ser2net (v4, YAML configuration) serving one serial device on a 127.0.0.1 port, raw or telnet (RFC 2217
/// remote port control off, or on with <c>rfc2217: true</c>).
/// </summary>
public sealed class Ser2Net : IAsyncDisposable
{
    private readonly PeerProcess _process;
    private readonly string _directory;

    private Ser2Net(PeerProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Ser2Net> StartAsync(string device, int port, bool telnet, bool rfc2217 = false)
    {
        var binary = Peers.Require("ser2net", "ser2net");
        var directory = Directory.CreateTempSubdirectory("lifeline-ser2net-").FullName;
        string accepter = telnet ? $"telnet(rfc2217={(rfc2217 ? "true" : "false")}),tcp,127.0.0.1,{port}" : $"tcp,127.0.0.1,{port}";
        string config = Path.Combine(directory, "ser2net.yaml");
        await File.WriteAllTextAsync(config, $"""
            %YAML 1.1
            ---
            connection: &console
              accepter: {accepter}
              connector: serialdev,{device},115200n81,local
              options:
                kickolduser: true

            """);
        var process = PeerProcess.Start(binary, "-n", "-d", "-c", config, "-P", Path.Combine(directory, "ser2net.pid"));
        var server = new Ser2Net(process, directory, port);
        await process.WaitUntilAsync(() => IsListening(port), $"a listener on 127.0.0.1:{port}");
        return server;
    }

    private static bool IsListening(int port)
    {
        // /proc/net/tcp lists listeners (state 0A) without connecting (a probe connection would open the device)
        string hexPort = port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp").Skip(1).Any(line =>
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 3 && parts[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && parts[3] == "0A";
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Redfish;

namespace Lifeline.Interop.Tests.RedfishClient;

/// <summary>
/// One ../shared/peers/redfish/mockup_serve.py (an independent stdlib-Python Redfish server) serving one mockup on a
/// loopback port of its own, with authentication on. Its request log (stderr) is kept so tests can prove what reached
/// the server and what did not. Killed (by its own process id) when the test class ends.
/// </summary>
public abstract class MockupServer : IAsyncLifetime
{
    public const string User = "admin";
    public const string Password = "lifeline-mockup-pw";
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public abstract string Mockup { get; }

    public int Port { get; private set; }

    public string MockupPath => Path.Combine(Peers.SharedFolder, "redfish-mockups", Mockup);

    public string? Unavailable { get; private set; }

    public IReadOnlyList<string> RequestLog => _log.ToArray();

    public int CountRequests(string method, string pathFragment) =>
        _log.Count(l => l.Contains($"\"{method} ", StringComparison.Ordinal) && l.Contains(pathFragment, StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        if (!File.Exists(Python))
        {
            Unavailable = $"{Python} is missing (apt-get install -y python3)";
            return;
        }
        var script = Path.Combine(Peers.SharedFolder, "peers", "redfish", "mockup_serve.py");
        Port = FreeLoopbackPort();
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "-D", MockupPath, "-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", User, "--password", Password })
        {
            psi.ArgumentList.Add(a);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start mockup_serve.py");
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"mockup_serve.py for {Mockup} exited during start:\n{string.Join('\n', _log)}"));
                return;
            }
            _log.Enqueue(e.Data);
            if (e.Data.StartsWith("serving ", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(StartDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"mockup_serve.py for {Mockup} on port {Port} did not say 'serving' within {StartDeadline.TotalSeconds} s:\n{string.Join('\n', _log)}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { } p)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
            await p.WaitForExitAsync();
            p.Dispose();
        }
    }

    /// <summary>Skips the test (fails it in CI) when the server could not be started for lack of python3.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }
        if (Peers.InCi)
        {
            throw new InvalidOperationException(Unavailable + " — CI must install every peer");
        }
        Skip.If(true, Unavailable);
    }

    /// <summary>Plain HTTP (the mockup server has no TLS), as a CLI user would write it: redfish+http://admin@127.0.0.1:PORT.</summary>
    public RedfishClientOptions Options(RedfishAuthMode auth = RedfishAuthMode.Session) => new()
    {
        Endpoint = RedfishEndpoint.Parse($"redfish+http://{User}@127.0.0.1:{Port}"),
        UserName = User,
        Password = Password,
        Auth = auth,
        RequestTimeout = TimeSpan.FromSeconds(15),
    };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class Rackmount1Server : MockupServer
{
    public override string Mockup => "dmtf-public-rackmount1";
}

public sealed class BladedServer : MockupServer
{
    public override string Mockup => "dmtf-public-bladed";
}

public sealed class TelemetryServer : MockupServer
{
    public override string Mockup => "dmtf-public-telemetry";
}

public sealed class OpenBmcServer : MockupServer
{
    public override string Mockup => "openbmc-bmcweb-stock";
}

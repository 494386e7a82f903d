using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lifeline.Interop.Tests.Infrastructure;

/// <summary>
/// A real <c>lifeline serve</c> (or <c>demo</c>) process for one test: started with arguments and environment (secrets
/// only in the environment), its output captured, ready once it prints its listening line, stopped with SIGINT or
/// killed with SIGKILL.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly string LifelineDll = Path.Combine(AppContext.BaseDirectory, "lifeline.dll");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyMarker;

    private ServiceProcess(Process process, string readyMarker)
    {
        _process = process;
        _readyMarker = readyMarker;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet lifeline.dll ARGS</c> and waits until a line containing <paramref name="readyMarker"/> appears.</summary>
    public static async Task<ServiceProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string readyMarker, TimeSpan timeout)
    {
        var dotnet = ProcessRunner.Dotnet;
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(LifelineDll);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start lifeline");
        var service = new ServiceProcess(process, readyMarker);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(service._ready.Task, exited, Task.Delay(timeout));
        if (first != service._ready.Task)
        {
            var why = first == exited ? $"exited with {process.ExitCode}" : $"did not print '{readyMarker}' within {timeout.TotalSeconds} s";
            await service.DisposeAsync();
            throw new InvalidOperationException($"lifeline {string.Join(' ', arguments)} {why}; output:\n{service.Output}");
        }
        return service;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (line.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>SIGKILL: no shutdown code runs at all.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGINT (what Ctrl-C sends), then waits for a clean exit; returns the exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Logs in over the API and returns a client carrying the bearer token.</summary>
    public static async Task<HttpClient> LoginAsync(Uri baseAddress, string user, string password)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { user, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"login as {user}: {(int)response.StatusCode} {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

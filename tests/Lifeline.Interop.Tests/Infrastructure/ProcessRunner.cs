using System.Diagnostics;
using System.Text;

namespace Lifeline.Interop.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.00} s\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>Runs a peer process with arguments (never through a shell), a deadline, and captured output.</summary>
public static class ProcessRunner
{
    /// <summary>The dotnet host running these tests (so `lifeline.dll` runs on the same runtime), or `dotnet` from PATH.</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTask = PumpAsync(process.StandardOutput, stdout);
        var errTask = PumpAsync(process.StandardError, stderr);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAll(outTask, errTask);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', psi.ArgumentList)} did not finish within {timeout.TotalSeconds} s\nstdout so far:\n{stdout}\nstderr so far:\n{stderr}");
        }
        await Task.WhenAll(outTask, errTask);
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), sw.Elapsed);
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, n);
            }
        }
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace Lifeline.Server.Tests.Infrastructure;

/// <summary>One parsed metric family: name (counters without <c>_total</c>), type, and samples.</summary>
internal sealed record MetricFamily(string Name, string Type, IReadOnlyList<MetricSample> Samples);

/// <summary>One parsed sample.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Parses Prometheus text exposition with the real parser of Debian's <c>python3-prometheus-client</c>. Skips the
/// test when it is missing, or fails it when <c>CI=true</c>.
/// </summary>
internal static class PrometheusParser
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = [{"name": f.name, "type": f.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]}
               for f in text_string_to_metric_families(sys.stdin.read())]
        print(json.dumps(out))
        """;

    public static async Task<IReadOnlyList<MetricFamily>> ParseAsync(string text)
    {
        RequireParser();
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"the Prometheus parser rejected the text: {await stderr}\n{text}");
        using var json = JsonDocument.Parse(await stdout);
        return [.. json.RootElement.EnumerateArray().Select(f => new MetricFamily(
            f.GetProperty("name").GetString()!,
            f.GetProperty("type").GetString()!,
            [.. f.GetProperty("samples").EnumerateArray().Select(s => new MetricSample(
                s.GetProperty("name").GetString()!,
                s.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                s.GetProperty("value").GetDouble()))]))];
    }

    private static void RequireParser()
    {
        string? missing = null;
        if (!File.Exists(Python))
        {
            missing = $"{Python} is missing";
        }
        else
        {
            using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import prometheus_client"]) { RedirectStandardError = true })!;
            check.WaitForExit(30_000);
            if (check.ExitCode != 0)
            {
                missing = "python3-prometheus-client is missing (apt-get install python3-prometheus-client)";
            }
        }

        if (missing is not null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true and the Prometheus text parser is unavailable: {missing}");
        }

        Skip.If(missing is not null, $"the Prometheus text parser is unavailable: {missing}");
    }
}

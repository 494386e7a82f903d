using System.Net;
using Lifeline.Server.Metrics;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

[Collection(FleetCollection.Name)]
public sealed class MetricsApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    [Fact]
    public async Task MetricsWithoutATokenIs401()
    {
        using var anonymous = Host.Client();
        using var response = await anonymous.GetAsync(new Uri(Host.BaseAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async Task MetricsParseAsPrometheusTextAndShowTheCachedStateAfterAPowerChange()
    {
        using var admin = Host.Client(fleet.AdminToken);
        using (var off = await admin.PostAsync("nodes/a2/power/off", null))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using (var on = await admin.PostAsync("nodes/b2/power/on", null))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        using var response = await admin.GetAsync(new Uri(Host.BaseAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var text = await response.Content.ReadAsStringAsync();
        var families = (await PrometheusParser.ParseAsync(text)).ToDictionary(f => f.Name);

        foreach (var (name, type) in new[]
        {
            ("lifeline_nodes", "gauge"), ("lifeline_node_power_on", "gauge"), ("lifeline_node_health", "gauge"),
            ("lifeline_node_bmc_reachable", "gauge"), ("lifeline_node_last_check_timestamp_seconds", "gauge"),
            ("lifeline_http_requests", "counter"), ("process_resident_memory_bytes", "gauge"), ("process_cpu_seconds", "counter"),
            ("process_start_time_seconds", "gauge"), ("dotnet_gc_heap_bytes", "gauge"),
        })
        {
            Assert.True(families.TryGetValue(name, out var family), $"no family {name} in:\n{text}");
            Assert.Equal(type, family.Type);
        }

        Assert.True(Value(families, "lifeline_nodes") >= 5);
        Assert.Equal(0, Value(families, "lifeline_node_power_on", ("node", "a2"), ("protocol", "ipmi")));
        Assert.Equal(1, Value(families, "lifeline_node_power_on", ("node", "b2"), ("protocol", "ipmi")));
        Assert.Equal(1, Value(families, "lifeline_node_health", ("node", "a2"), ("state", "ok")));
        Assert.Equal(0, Value(families, "lifeline_node_health", ("node", "a2"), ("state", "critical")));
        Assert.Equal(1, Value(families, "lifeline_node_bmc_reachable", ("node", "a2")));
        Assert.True(Value(families, "process_resident_memory_bytes") > 0);
        Assert.True(Value(families, "process_start_time_seconds") > 1.7e9);
        Assert.True(Value(families, "lifeline_http_requests", ("route", "/api/v1/nodes/{name}/power/{action}"), ("status", "200")) >= 2);

        // deterministic order: the per-node samples come by node name
        var nodes = families["lifeline_node_power_on"].Samples.Select(s => s.Labels["node"]).ToList();
        Assert.Equal(nodes.Order(StringComparer.Ordinal), nodes);
    }

    [SkippableFact]
    public async Task LabelValuesWithBackslashQuoteAndNewlineSurviveARealParser()
    {
        const string awkward = "a\\b \"c\"\nd";
        var writer = new PrometheusTextWriter();
        writer.Family("lifeline_test", "gauge", "A help text with a \\ and a\nnewline.");
        writer.Sample("lifeline_test", 1, ("node", awkward));
        var family = Assert.Single(await PrometheusParser.ParseAsync(writer.ToString()));
        Assert.Equal(awkward, Assert.Single(family.Samples).Labels["node"]);
    }

    [Fact]
    public async Task MetricsAreAnonymousWhenConfigured()
    {
        await using var host = await ServerHost.StartAsync(settings: new Dictionary<string, string?> { ["Lifeline:Metrics:Anonymous"] = "true" });
        using var anonymous = host.Client();
        using var response = await anonymous.GetAsync(new Uri(host.BaseAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE lifeline_nodes gauge\nlifeline_nodes 0\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static double Value(Dictionary<string, MetricFamily> families, string sample, params (string Name, string Value)[] labels)
    {
        var family = families.Values.First(f => f.Samples.Any(s => s.Name == sample || s.Name == sample + "_total"));
        var match = family.Samples.Where(s => (s.Name == sample || s.Name == sample + "_total") && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).ToList();
        Assert.True(match.Count == 1, $"{match.Count} samples of {sample} match {string.Join(",", labels)}");
        return match[0].Value;
    }
}

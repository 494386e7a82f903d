using System.Net;
using Lifeline.Drivers;
using Lifeline.Monitoring.Model;
using Lifeline.Server.Metrics;
using Lifeline.Server.Monitoring;
using Lifeline.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    [SkippableFact]
    public async Task TheMonitorsSensorReadingsAndPathsAppearAsConventionallyNamedFamilies()
    {
        const string node = "metrics-mon1";
        var states = Host.App.Services.GetRequiredService<MonitorStates>();
        states.Update(node, s => s with
        {
            Sensors = new SensorSnapshot(node, DateTimeOffset.UtcNow,
            [
                new SensorPoint("CPU1 Temp", "Temperature", "degrees C", 61, SensorStatus.Ok),
                new SensorPoint("Fan3", "Fan", "RPM", 4100, SensorStatus.Warning),
                new SensorPoint("12V", "Voltage", "Volts", 12.1, SensorStatus.Ok),
                new SensorPoint("PSU1 Power", "Power", "Watts", 240, SensorStatus.Ok),
                new SensorPoint("PSU1 Current", "Current", "Amps", 1.5, SensorStatus.Critical),
                new SensorPoint("CPU Usage", "Other", "percent", 37, SensorStatus.Ok),
                new SensorPoint("Intrusion", "Physical Security", null, null, SensorStatus.Unavailable, State: "General Chassis Intrusion"),
            ]),
            BmcUp = true,
            PrimaryUp = false,
            SensorPolls = 7,
            SensorPollErrors = 2,
            EventPolls = 3,
            SensorPollDuration = TimeSpan.FromMilliseconds(250),
        });
        try
        {
            using var admin = Host.Client(fleet.AdminToken);
            var text = await admin.GetStringAsync(new Uri(Host.BaseAddress, "/metrics"));
            var families = (await PrometheusParser.ParseAsync(text)).ToDictionary(f => f.Name);

            foreach (var (family, sensor, value) in new[]
            {
                ("lifeline_sensor_temperature_celsius", "CPU1 Temp", 61), ("lifeline_sensor_fan_speed_rpm", "Fan3", 4100), ("lifeline_sensor_voltage_volts", "12V", 12.1),
                ("lifeline_sensor_power_watts", "PSU1 Power", 240), ("lifeline_sensor_current_amperes", "PSU1 Current", 1.5), ("lifeline_sensor_value", "CPU Usage", 37),
            })
            {
                Assert.True(families.TryGetValue(family, out var f), $"no family {family} in:\n{text}");
                Assert.Equal("gauge", f.Type);
                Assert.Equal(value, Value(families, family, ("node", node), ("sensor", sensor)));
            }

            Assert.Equal("percent", families["lifeline_sensor_value"].Samples.Single(s => s.Labels["node"] == node).Labels["unit"]);
            // the sensor without a reading has a status but no value
            Assert.DoesNotContain(families.Values.Where(f => f.Name.StartsWith("lifeline_sensor_", StringComparison.Ordinal) && f.Name != "lifeline_sensor_status").SelectMany(f => f.Samples),
                s => s.Labels.GetValueOrDefault("sensor") == "Intrusion");
            Assert.Equal(-1, Value(families, "lifeline_sensor_status", ("node", node), ("sensor", "Intrusion")));
            Assert.Equal(1, Value(families, "lifeline_sensor_status", ("node", node), ("sensor", "Fan3")));
            Assert.Equal(2, Value(families, "lifeline_sensor_status", ("node", node), ("sensor", "PSU1 Current")));
            Assert.Equal(0, Value(families, "lifeline_node_primary_reachable", ("node", node)));
            Assert.Equal(1, Value(families, "lifeline_node_out_of_band_only", ("node", node)));
            Assert.Equal("counter", families["lifeline_bmc_polls"].Type);
            Assert.Equal(7, Value(families, "lifeline_bmc_polls", ("node", node), ("kind", "sensors")));
            Assert.Equal(3, Value(families, "lifeline_bmc_polls", ("node", node), ("kind", "events")));
            Assert.Equal(2, Value(families, "lifeline_bmc_poll_errors", ("node", node), ("kind", "sensors")));
            Assert.Equal(0.25, Value(families, "lifeline_bmc_poll_duration_seconds", ("node", node), ("kind", "sensors")));
        }
        finally
        {
            states.Remove(node);
        }
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

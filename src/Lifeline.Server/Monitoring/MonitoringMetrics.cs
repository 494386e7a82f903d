using Lifeline.Drivers;
using Lifeline.Server.Metrics;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// The monitor's part of <c>/metrics</c>: the latest reading of every BMC sensor as a gauge labelled by node, sensor,
/// type and unit (names by <see cref="SensorMetricNames"/>), each sensor's status, both paths' reachability, and poll
/// latency and errors per BMC. Read from memory: a scrape never touches a BMC or the database.
/// </summary>
internal sealed class MonitoringMetrics(MonitorStates states, SampleWriter writer)
{
    public async Task WriteAsync(PrometheusTextWriter w, CancellationToken cancellationToken)
    {
        var nodes = states.Snapshot().OrderBy(s => s.Node, StringComparer.Ordinal).ToList();
        WriteSensors(w, nodes);

        w.Family("lifeline_sensor_status", "gauge", "The BMC's status of each sensor: 0 ok, 1 warning, 2 critical, 3 non-recoverable, -1 no reading.");
        foreach (var s in nodes.Where(s => s.Sensors is not null))
        {
            foreach (var p in s.Sensors!.Sensors)
            {
                w.Sample("lifeline_sensor_status", Level(p.Status), ("node", s.Node), ("sensor", p.Sensor), ("type", p.Type));
            }
        }

        w.Family("lifeline_node_primary_reachable", "gauge", "1 when the node's primary (in-band) address answered its last probe, 0 when not; absent without an in-band address.");
        foreach (var s in nodes.Where(s => s.PrimaryUp is not null))
        {
            w.Sample("lifeline_node_primary_reachable", s.PrimaryUp == true ? 1 : 0, ("node", s.Node));
        }
        w.Family("lifeline_node_out_of_band_only", "gauge", "1 when the BMC answers but the primary path does not: the node is reachable out-of-band only.");
        foreach (var s in nodes.Where(s => s.PrimaryUp is not null && s.BmcUp is not null))
        {
            w.Sample("lifeline_node_out_of_band_only", s.OutOfBandOnly ? 1 : 0, ("node", s.Node));
        }

        w.Family("lifeline_bmc_poll_duration_seconds", "gauge", "How long the last monitoring poll of the BMC took, by kind (sensors, events).");
        foreach (var s in nodes)
        {
            if (s.SensorPollDuration is { } sensors)
            {
                w.Sample("lifeline_bmc_poll_duration_seconds", sensors.TotalSeconds, ("node", s.Node), ("kind", "sensors"));
            }
            if (s.EventPollDuration is { } events)
            {
                w.Sample("lifeline_bmc_poll_duration_seconds", events.TotalSeconds, ("node", s.Node), ("kind", "events"));
            }
        }
        w.Family("lifeline_bmc_polls_total", "counter", "Monitoring polls of the BMC since the service started, by kind.");
        foreach (var s in nodes)
        {
            w.Sample("lifeline_bmc_polls_total", s.SensorPolls, ("node", s.Node), ("kind", "sensors"));
            w.Sample("lifeline_bmc_polls_total", s.EventPolls, ("node", s.Node), ("kind", "events"));
        }
        w.Family("lifeline_bmc_poll_errors_total", "counter", "Monitoring polls of the BMC that failed (timeout, refused, error), by kind.");
        foreach (var s in nodes)
        {
            w.Sample("lifeline_bmc_poll_errors_total", s.SensorPollErrors, ("node", s.Node), ("kind", "sensors"));
            w.Sample("lifeline_bmc_poll_errors_total", s.EventPollErrors, ("node", s.Node), ("kind", "events"));
        }

        w.Family("lifeline_monitoring_samples_written_total", "counter", "Sensor polls written to the monitoring store.");
        w.Sample("lifeline_monitoring_samples_written_total", writer.Written);
        w.Family("lifeline_monitoring_sample_write_failures_total", "counter", "Batches of sensor polls the monitoring store refused (retried).");
        w.Sample("lifeline_monitoring_sample_write_failures_total", writer.FailedBatches);

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void WriteSensors(PrometheusTextWriter w, List<NodeMonitorState> nodes)
    {
        var samples = new List<(SensorMetricNames.Family Family, string Node, string Sensor, string Type, string Unit, double Value)>();
        foreach (var s in nodes.Where(s => s.Sensors is not null))
        {
            foreach (var p in s.Sensors!.Sensors.Where(p => p.Value is { } v && double.IsFinite(v)))
            {
                var family = SensorMetricNames.For(p.Unit);
                samples.Add((family, s.Node, p.Sensor, p.Type, p.Unit ?? "", p.Value!.Value * family.Scale + family.Offset));
            }
        }
        foreach (var group in samples.GroupBy(x => x.Family.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.Family(group.Key, "gauge", group.First().Family.Help);
            foreach (var x in group)
            {
                w.Sample(group.Key, x.Value, ("node", x.Node), ("sensor", x.Sensor), ("type", x.Type), ("unit", x.Unit));
            }
        }
    }

    private static int Level(SensorStatus status) => status switch
    {
        SensorStatus.Ok => 0,
        SensorStatus.Warning => 1,
        SensorStatus.Critical => 2,
        SensorStatus.NonRecoverable => 3,
        _ => -1,
    };
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// The monitor's own measurements as .NET metrics (meter <c>Lifeline.Monitoring</c>), exported over OTLP when
/// <c>Lifeline:Telemetry:OtlpEndpoint</c> is set (<c>/metrics</c> shows the per-node view in Prometheus text either way).
/// </summary>
internal sealed class MonitoringInstruments : IDisposable
{
    public const string MeterName = "Lifeline.Monitoring";

    private readonly Meter _meter;
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Counter<long> _events;

    public MonitoringInstruments(IMeterFactory meters, MonitorStates states, SampleWriter writer)
    {
        _meter = meters.Create(MeterName);
        _polls = _meter.CreateCounter<long>("lifeline.monitoring.polls", "{poll}", "BMC polls by kind (sensors, events) and result (ok, error).");
        _pollDuration = _meter.CreateHistogram<double>("lifeline.monitoring.poll.duration", "s", "How long a BMC poll took, by kind.");
        _events = _meter.CreateCounter<long>("lifeline.monitoring.events.stored", "{event}", "Events stored (new, after deduplication), by source.");
        _meter.CreateObservableGauge("lifeline.monitoring.nodes", () => states.Snapshot().Count, "{node}", "Nodes this server monitors.");
        _meter.CreateObservableGauge("lifeline.monitoring.nodes.out_of_band_only", () => states.Snapshot().Count(s => s.OutOfBandOnly), "{node}",
            "Nodes whose BMC answers while their primary path does not.");
        _meter.CreateObservableCounter("lifeline.monitoring.samples.written", () => writer.Written, "{poll}", "Sensor polls written to the history.");
    }

    public void Poll(string kind, bool ok, TimeSpan duration)
    {
        var tags = new TagList { { "kind", kind }, { "result", ok ? "ok" : "error" } };
        _polls.Add(1, tags);
        _pollDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void EventsStored(string source, int count)
    {
        if (count > 0)
        {
            _events.Add(count, new KeyValuePair<string, object?>("source", source));
        }
    }

    public void Dispose() => _meter.Dispose();
}

namespace Lifeline.Server.Configuration;

/// <summary>
/// <c>Lifeline:Telemetry</c>: the service's own metrics over OpenTelemetry (OTLP), for a collector such as the
/// OpenTelemetry Collector, Grafana Alloy or Prometheus' OTLP receiver. Off unless <see cref="OtlpEndpoint"/> is set;
/// <c>/metrics</c> (Prometheus text) is there either way.
/// </summary>
public sealed class TelemetrySettings
{
    /// <summary>
    /// Where to push: for <c>http/protobuf</c> the full URL (<c>http://collector:4318/v1/metrics</c>), for <c>grpc</c>
    /// the collector's address (<c>http://collector:4317</c>). Null = no export.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "lifeline";
}

using System.Diagnostics;
using Lifeline.Fleet.Operations;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Lifeline.Server.Inventory;
using Lifeline.Server.Metrics;
using Lifeline.Server.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text format 0.0.4 — the grains' cached node states (no BMC is touched), the node
/// count, the monitor's latest sensor readings, path reachability and poll statistics (<see cref="MonitoringMetrics"/>),
/// request counts and process basics. Needs a viewer over <c>*</c>, or nothing when
/// <see cref="MetricsSettings.Anonymous"/> is set.
/// </summary>
internal static class MetricsApi
{
    private static readonly string[] HealthStates = ["ok", "warning", "critical", "unknown"];

    public static void MapMetricsApi(this IEndpointRouteBuilder app, MetricsSettings settings)
    {
        app.MapGet("/metrics", GetAsync).WithName("metrics").WithTags("Service")
            .Requires(settings.Anonymous ? Permission.Public : Permission.ServiceViewer);
    }

    private static async Task<ContentHttpResult> GetAsync(
        InventoryCache inventory, IFleetOperations fleet, HttpRequestCounter requests, MonitoringMetrics monitoring, CancellationToken cancellationToken)
    {
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var names = view.NodeList.Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        var states = names.Count == 0 ? [] : await fleet.GetStatesAsync(names, cancellationToken).ConfigureAwait(false);
        var ordered = states.OrderBy(s => s.Node, StringComparer.Ordinal).ToList();

        var w = new PrometheusTextWriter();
        w.Family("lifeline_nodes", "gauge", "Nodes registered in the inventory.");
        w.Sample("lifeline_nodes", names.Count);

        w.Family("lifeline_node_power_on", "gauge", "1 when the node's last known power state is on, 0 when off; absent when never read.");
        foreach (var s in ordered.Where(s => s.Power is "on" or "off"))
        {
            w.Sample("lifeline_node_power_on", s.Power == "on" ? 1 : 0, ("node", s.Node), ("protocol", s.Protocol));
        }

        w.Family("lifeline_node_health", "gauge", "1 for the node's current health state (ok, warning, critical, unknown), 0 for the others.");
        foreach (var s in ordered)
        {
            string current = HealthStates.Contains(s.Health) ? s.Health : "unknown";
            foreach (var state in HealthStates)
            {
                w.Sample("lifeline_node_health", state == current ? 1 : 0, ("node", s.Node), ("protocol", s.Protocol), ("state", state));
            }
        }

        w.Family("lifeline_node_bmc_reachable", "gauge", "1 when the node's BMC answered its last check, 0 when it did not; absent when not checked yet.");
        foreach (var s in ordered.Where(s => s.Reachability is "reachable" or "unreachable"))
        {
            w.Sample("lifeline_node_bmc_reachable", s.Reachability == "reachable" ? 1 : 0, ("node", s.Node), ("protocol", s.Protocol));
        }

        w.Family("lifeline_node_last_check_timestamp_seconds", "gauge", "When the node's BMC last answered or failed, in seconds since the Unix epoch; absent when never.");
        foreach (var s in ordered.Where(s => s.CheckedAt is not null))
        {
            w.Sample("lifeline_node_last_check_timestamp_seconds", s.CheckedAt!.Value.ToUnixTimeMilliseconds() / 1000.0, ("node", s.Node));
        }

        await monitoring.WriteAsync(w, cancellationToken).ConfigureAwait(false);

        w.Family("lifeline_http_requests_total", "counter", "HTTP requests answered since the service started, by route pattern and status code.");
        foreach (var (route, status, count) in requests.Snapshot())
        {
            w.Sample("lifeline_http_requests_total", count, ("route", route), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        WriteProcess(w);
        return TypedResults.Text(w.ToString(), PrometheusTextWriter.ContentType);
    }

    private static void WriteProcess(PrometheusTextWriter w)
    {
        using var process = Process.GetCurrentProcess();
        w.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        w.Sample("process_resident_memory_bytes", process.WorkingSet64);
        w.Family("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.");
        w.Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds);
        w.Family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.");
        w.Sample("process_start_time_seconds", new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        w.Family("dotnet_gc_heap_bytes", "gauge", "Bytes currently thought to be allocated on the managed heap.");
        w.Sample("dotnet_gc_heap_bytes", GC.GetTotalMemory(forceFullCollection: false));
        w.Family("dotnet_gc_collections_total", "counter", "Garbage collections since the process started, by generation.");
        for (int generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            w.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

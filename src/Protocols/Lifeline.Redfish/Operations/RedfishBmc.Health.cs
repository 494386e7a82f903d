using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>A resource whose health is not OK.</summary>
public sealed record HealthItem(string Path, string Name, Health Health);

/// <summary>The worst health of the BMC's systems, chassis and managers, with every failing member named.</summary>
public sealed record HealthReport(Health Overall, IReadOnlyList<HealthItem> Failing);

// Status.HealthRollup is the resource and everything below it; Status.Health the resource alone (Resource.v1_20_0).
// A rollup that is not OK says "look below": the systems' processors and memory, the chassis' thermal and power
// entries are read to name the part that fails.
public sealed partial class RedfishBmc
{
    public async Task<HealthReport> GetHealthAsync(CancellationToken ct = default)
    {
        var failing = new List<HealthItem>();
        var overall = Health.Unknown;
        void Note(RedfishResource r, ResourceStatus? status)
        {
            var h = status?.HealthRollup ?? status?.Health ?? Health.Unknown;
            overall = Worse(overall, h);
            if (h is Health.Warning or Health.Critical)
            {
                failing.Add(new HealthItem(r.ODataId ?? "", r.Name ?? r.Id ?? "?", h));
            }
            // Status.Conditions (Resource.v1_14_0+) names the origin of a degraded rollup directly.
            if (status?.Extra is { } extra && extra.TryGetValue("Conditions", out var conditions) && conditions.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var c in conditions.EnumerateArray().Take(64))
                {
                    if (c.ValueKind == System.Text.Json.JsonValueKind.Object
                        && c.TryGetProperty("OriginOfCondition", out var origin) && origin.ValueKind == System.Text.Json.JsonValueKind.Object
                        && origin.TryGetProperty("@odata.id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        var severity = c.TryGetProperty("Severity", out var sev) && sev.ValueKind == System.Text.Json.JsonValueKind.String && sev.GetString() == "Critical"
                            ? Health.Critical : Health.Warning;
                        var message = c.TryGetProperty("Message", out var msg) && msg.ValueKind == System.Text.Json.JsonValueKind.String ? msg.GetString() : null;
                        failing.Add(new HealthItem(id.GetString()!, message ?? id.GetString()!, severity));
                    }
                }
            }
        }
        foreach (var s in await ListSystemsAsync(ct).ConfigureAwait(false))
        {
            Note(s, s.Status);
            if (IsBad(s.Status))
            {
                foreach (var p in await ListAsync<Processor>(s.Processors, ct).ConfigureAwait(false))
                {
                    NoteOwn(p, p.Status);
                }
                foreach (var m in await ListAsync<Memory>(s.Memory, ct).ConfigureAwait(false))
                {
                    NoteOwn(m, m.Status);
                }
            }
        }
        foreach (var c in await ListChassisAsync(ct).ConfigureAwait(false))
        {
            Note(c, c.Status);
            if (IsBad(c.Status))
            {
                foreach (var reading in await ReadLegacyAsync(c, ct).ConfigureAwait(false))
                {
                    if (reading.Status is SensorStatus.Warning or SensorStatus.Critical)
                    {
                        failing.Add(new HealthItem(reading.Source, reading.Name, reading.Status == SensorStatus.Critical ? Health.Critical : Health.Warning));
                    }
                }
            }
        }
        foreach (var m in await ListManagersAsync(ct).ConfigureAwait(false))
        {
            Note(m, m.Status);
        }
        return new HealthReport(overall, failing);

        void NoteOwn(RedfishResource r, ResourceStatus? status)
        {
            if (status?.Health is Health.Warning or Health.Critical)
            {
                failing.Add(new HealthItem(r.ODataId ?? "", r.Name ?? r.Id ?? "?", status.Health.Value));
            }
        }
    }

    private static bool IsBad(ResourceStatus? s) => (s?.HealthRollup ?? s?.Health) is Health.Warning or Health.Critical;

    private static Health Worse(Health a, Health b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(Health h) => h switch { Health.OK => 1, Health.Warning => 2, Health.Critical => 3, _ => 0 };
}

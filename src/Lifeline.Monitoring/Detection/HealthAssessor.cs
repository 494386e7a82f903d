using System.Globalization;
using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>
/// A node's health — ok, warning, critical or unknown — with the reasons, worst first: sensors past their BMC
/// thresholds, recent critical events, the trend detector's predictions, open alerts, and lost paths. The health is the
/// worst reason; with no warning or critical reason it is ok, or unknown when there is no recent data (never polled,
/// the last poll failed, the BMC does not answer). Pure: the caller gathers the inputs.
/// </summary>
public sealed class HealthAssessor(HealthOptions? options = null)
{
    public HealthOptions Options { get; } = options ?? new HealthOptions();

    /// <summary>Assesses one node.</summary>
    /// <param name="node">The node.</param>
    /// <param name="latest">Its latest sensor poll (a gap when the poll failed), or null when never polled.</param>
    /// <param name="predictions">Its active predictions.</param>
    /// <param name="openAlerts">Its open (firing or acknowledged) alerts.</param>
    /// <param name="recentEvents">Its recent events (older than <see cref="HealthOptions.EventLookback"/> are ignored).</param>
    /// <param name="reachability">Its paths, when known.</param>
    /// <param name="now">The service clock.</param>
    public NodeHealth Assess(string node, SensorSnapshot? latest, IReadOnlyList<Prediction> predictions, IReadOnlyList<Alert> openAlerts,
        IReadOnlyList<MonitoredEvent> recentEvents, Reachability? reachability, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(openAlerts);
        ArgumentNullException.ThrowIfNull(recentEvents);

        var reasons = new List<(HealthReason Reason, int Order)>();
        bool haveData = latest is { IsGap: false } && now - latest.Time <= Options.MaxSnapshotAge;
        if (latest is { IsGap: false })
        {
            foreach (var s in latest.Sensors)
            {
                var severity = s.Status switch
                {
                    SensorStatus.Warning => Severity.Warning,
                    SensorStatus.Critical or SensorStatus.NonRecoverable => Severity.Critical,
                    _ => (Severity?)null,
                };
                if (severity is { } sev)
                {
                    reasons.Add((new HealthReason(sev, "sensor", s.Sensor, SensorMessage(s)), 0));
                }
            }
        }
        else if (latest is { IsGap: true })
        {
            reasons.Add((new HealthReason(Severity.Info, "sensor", "poll", $"the last sensor poll failed: {latest.Gap}"), 0));
        }

        foreach (var e in recentEvents)
        {
            if (e.Severity == Severity.Critical && now - e.Time <= Options.EventLookback && e.Node == node)
            {
                string what = string.IsNullOrEmpty(e.Sensor) ? e.Message : $"{e.Sensor}: {e.Message}";
                reasons.Add((new HealthReason(Severity.Critical, "event", e.Id.ToString(CultureInfo.InvariantCulture), $"{e.Time:u} {what}"), 1));
            }
        }
        foreach (var p in predictions)
        {
            reasons.Add((new HealthReason(p.Severity, "prediction", $"{p.Trend} {p.Subject}", p.Summary), 2));
        }
        foreach (var a in openAlerts)
        {
            if (a.State == AlertState.Resolved)
            {
                continue;
            }
            string ack = a.State == AlertState.Acknowledged ? $" (acknowledged by {a.AcknowledgedBy})" : "";
            reasons.Add((new HealthReason(a.Severity, "alert", a.Id.ToString(CultureInfo.InvariantCulture), a.Summary + ack), 3));
        }
        if (reachability is { } r)
        {
            if (!r.BmcUp)
            {
                haveData = false;
                reasons.Add((new HealthReason(Severity.Warning, "reachability", "bmc", $"the BMC has not answered since {r.Since:u}"), 4));
            }
            else if (r.PrimaryUp == false)
            {
                reasons.Add((new HealthReason(Severity.Critical, "reachability", "primary",
                    $"the primary path has been lost since {r.Since:u} while the BMC still answers"), 4));
            }
        }

        var sorted = reasons.OrderByDescending(x => x.Reason.Severity).ThenBy(x => x.Order).Select(x => x.Reason).ToList();
        // Critical and warning reasons we know of stand even without fresh data; a lost BMC alone means "we cannot tell".
        bool critical = sorted.Any(x => x.Severity == Severity.Critical);
        bool warning = sorted.Any(x => x.Severity == Severity.Warning && !(x.Source == "reachability" && x.Subject == "bmc"));
        string health = critical ? HealthNames.Critical
            : warning ? HealthNames.Warning
            : haveData ? HealthNames.Ok
            : HealthNames.Unknown;
        return new NodeHealth(node, health, sorted, latest?.Time);
    }

    private static string SensorMessage(SensorPoint s)
    {
        string value = s.Value is double v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.##} {s.Unit}").TrimEnd() : s.State ?? "no reading";
        string which = ThresholdName(s);
        return $"{s.Sensor} {value}{which} ({s.Status.ToString().ToLowerInvariant()})";
    }

    private static string ThresholdName(SensorPoint s)
    {
        if (s.Value is not double v || s.Thresholds is not { } t)
        {
            return "";
        }
        (double? limit, string name) = v switch
        {
            _ when v > t.UpperNonRecoverable => (t.UpperNonRecoverable, "upper non-recoverable"),
            _ when v > t.UpperCritical => (t.UpperCritical, "upper critical"),
            _ when v > t.UpperNonCritical => (t.UpperNonCritical, "upper non-critical"),
            _ when v < t.LowerNonRecoverable => (t.LowerNonRecoverable, "lower non-recoverable"),
            _ when v < t.LowerCritical => (t.LowerCritical, "lower critical"),
            _ when v < t.LowerNonCritical => (t.LowerNonCritical, "lower non-critical"),
            _ => (null, ""),
        };
        return limit is double l ? string.Create(CultureInfo.InvariantCulture, $", past {name} {l:0.##}") : "";
    }
}

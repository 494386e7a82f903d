using System.Globalization;
using Lifeline.Drivers;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

// The inputs: sensor polls (threshold rules), detector results (trend rules), stored events, console hits and
// reachability changes. Each finds the conditions that hold and those that cleared, then applies them under the gate.
public sealed partial class AlertEngine
{
    /// <summary>Threshold rules over one poll. A gap changes nothing (reachability rules cover a lost BMC).</summary>
    public async Task ObserveAsync(SensorSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.IsGap)
        {
            return;
        }
        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var holds = new List<AlertCondition>();
        var clears = new List<(string Fingerprint, AlertRule Rule)>();
        foreach (var rule in rules)
        {
            if (!Applies(rule, RuleKind.Threshold, snapshot.Node))
            {
                continue;
            }
            foreach (var s in snapshot.Sensors)
            {
                if (!SensorMatches(rule, s.Sensor, s.Type))
                {
                    continue;
                }
                if (ThresholdHolds(rule, s) is { } why)
                {
                    holds.Add(new AlertCondition(rule, snapshot.Node, s.Sensor, rule.Severity, $"{snapshot.Node} {s.Sensor}: {why}",
                        Json(new { sensor = s.Sensor, type = s.Type, value = s.Value, unit = s.Unit, status = s.Status.ToString().ToLowerInvariant(),
                            state = s.State, thresholds = s.Thresholds, rule_above = rule.Above, rule_below = rule.Below, time = snapshot.Time }), true));
                }
                else if (s.Value is not null || s.Status != SensorStatus.Unavailable)
                {
                    clears.Add((Fingerprint(rule.Name, snapshot.Node, s.Sensor), rule));
                }
            }
        }
        await ApplyAsync(holds, clears, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Trend rules over a detector result: raised and active predictions hold, cleared ones resolve. When the result
    /// names its node (<see cref="DetectionResult.Node"/>), open trend alerts of that node without an active prediction
    /// resolve too (the detector restarted, or missed the clearing).
    /// </summary>
    public async Task ObserveAsync(DetectionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Node is null && result.Raised.Count == 0 && result.Cleared.Count == 0 && result.Active.Count == 0)
        {
            return;
        }
        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var holds = new List<AlertCondition>();
        var clears = new List<(string Fingerprint, AlertRule Rule)>();
        foreach (var rule in rules)
        {
            foreach (var p in result.Raised.Concat(result.Active).DistinctBy(p => (p.Node, p.Trend, p.Subject)))
            {
                if (Applies(rule, RuleKind.Trend, p.Node) && TrendMatches(rule, p))
                {
                    var severity = p.Severity > rule.Severity ? p.Severity : rule.Severity;
                    holds.Add(new AlertCondition(rule, p.Node, TrendSubject(rule, p), severity, $"{p.Node} {p.Summary}",
                        Json(new { trend = p.Trend, subject = p.Subject, summary = p.Summary, evidence = p.Evidence, time = p.Time }), true));
                }
            }
            foreach (var p in result.Cleared)
            {
                if (Applies(rule, RuleKind.Trend, p.Node) && TrendMatches(rule, p))
                {
                    clears.Add((Fingerprint(rule.Name, p.Node, TrendSubject(rule, p)), rule));
                }
            }
        }
        await ApplyAsync(holds, clears, cancellationToken, result.Node is { } node ? (node, rules) : null).ConfigureAwait(false);
    }

    /// <summary>Event rules over one stored event. Event alerts stay open until a person resolves them.</summary>
    public async Task ObserveAsync(MonitoredEvent monitoredEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitoredEvent);
        var e = monitoredEvent;
        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var holds = new List<AlertCondition>();
        foreach (var rule in rules)
        {
            if (!Applies(rule, RuleKind.Event, e.Node)
                || (rule.EventSeverity is { } min && e.Severity < min)
                || (rule.Match is { } m && !RuleRegex.IsMatch(RuleRegex.Compile(m), e.Message, e.Sensor, e.Kind)))
            {
                continue;
            }
            string subject = e.Kind ?? e.Sensor ?? e.Source;
            string what = string.IsNullOrEmpty(e.Sensor) ? e.Message : $"{e.Sensor}: {e.Message}";
            holds.Add(new AlertCondition(rule, e.Node, subject, rule.Severity, $"{e.Node} {what}",
                Json(new { event_id = e.Id, time = e.Time, severity = e.Severity, source = e.Source, sensor = e.Sensor, message = e.Message, kind = e.Kind }),
                false));
        }
        await ApplyAsync(holds, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Console rules over one pattern hit (the regex sees the pattern name and the line).</summary>
    public async Task ObserveConsoleAsync(ConsoleHit hit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var holds = new List<AlertCondition>();
        foreach (var rule in rules)
        {
            if (!Applies(rule, RuleKind.Console, hit.Node) || (rule.Match is { } m && !RuleRegex.IsMatch(RuleRegex.Compile(m), hit.Pattern, hit.Line)))
            {
                continue;
            }
            holds.Add(new AlertCondition(rule, hit.Node, hit.Pattern, rule.Severity, $"{hit.Node} console {hit.Pattern}: {Truncate(hit.Line, 200)}",
                Json(new { pattern = hit.Pattern, line = Truncate(hit.Line, 2000), time = hit.Time }), false));
        }
        await ApplyAsync(holds, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reachability rules: "bmc" holds while the BMC does not answer; "primary" while the primary path is lost and the BMC answers.</summary>
    public async Task ObserveReachabilityAsync(Reachability reachability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reachability);
        var r = reachability;
        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var holds = new List<AlertCondition>();
        var clears = new List<(string Fingerprint, AlertRule Rule)>();
        foreach (var rule in rules)
        {
            if (!Applies(rule, RuleKind.Reachability, r.Node))
            {
                continue;
            }
            (bool holding, string summary) = rule.Path switch
            {
                "bmc" => (!r.BmcUp, $"{r.Node} BMC not answering since {r.Since:u}"),
                "primary" => (r.BmcUp && r.PrimaryUp == false, $"{r.Node} primary path lost since {r.Since:u} while the BMC answers"),
                _ => (false, ""),
            };
            if (holding)
            {
                holds.Add(new AlertCondition(rule, r.Node, rule.Path, rule.Severity, summary,
                    Json(new { bmc_up = r.BmcUp, primary_up = r.PrimaryUp, since = r.Since }), true));
            }
            else if (rule.Path != "primary" || r.PrimaryUp is not null || !r.BmcUp)
            {
                // Primary unknown while the BMC answers says nothing: keep what we have.
                clears.Add((Fingerprint(rule.Name, r.Node, rule.Path), rule));
            }
        }
        await ApplyAsync(holds, clears, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync(List<AlertCondition> holds, IReadOnlyList<(string Fingerprint, AlertRule Rule)> clears, CancellationToken cancellationToken,
        (string Node, IReadOnlyList<AlertRule> Rules)? reconcileTrends = null)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            if (reconcileTrends is { } r)
            {
                var holding = holds.Select(h => h.Fingerprint).ToHashSet(StringComparer.Ordinal);
                var orphans = _open.Values.Where(a => a.Node == r.Node && !holding.Contains(a.Fingerprint)).ToList();
                foreach (var alert in orphans)
                {
                    if (r.Rules.FirstOrDefault(x => x.Name == alert.Rule) is { Kind: RuleKind.Trend } rule)
                    {
                        await ClearAsync(alert.Fingerprint, rule, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            foreach (var (fingerprint, rule) in clears)
            {
                if (_open.ContainsKey(fingerprint) || _pending.ContainsKey(fingerprint))
                {
                    await ClearAsync(fingerprint, rule, cancellationToken).ConfigureAwait(false);
                }
            }
            foreach (var condition in holds)
            {
                await HoldAsync(condition, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool SensorMatches(AlertRule rule, string sensor, string? type) =>
        (rule.Sensor is null || sensor.Contains(rule.Sensor, StringComparison.OrdinalIgnoreCase))
        && (rule.SensorType is null || string.Equals(rule.SensorType, type, StringComparison.OrdinalIgnoreCase));

    private static bool TrendMatches(AlertRule rule, Prediction p) =>
        (rule.Trend is null || string.Equals(rule.Trend, p.Trend, StringComparison.Ordinal))
        && (rule.Sensor is null || p.Subject.Contains(rule.Sensor, StringComparison.OrdinalIgnoreCase))
        && (rule.SensorType is null || TrendType(p.Trend) is not { } t || string.Equals(rule.SensorType, t, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sensor for a rule of one trend; trend and sensor for a rule of any trend (so two trends of one sensor stay apart).</summary>
    private static string TrendSubject(AlertRule rule, Prediction p) => rule.Trend is null ? $"{p.Trend}:{p.Subject}" : p.Subject;

    private static string? TrendType(string trend) => trend switch
    {
        TrendNames.FanFalling => "Fan",
        TrendNames.TemperatureRising => "Temperature",
        TrendNames.MemoryErrorsRising => "Memory",
        TrendNames.PsuRedundancyLost => "Power Supply",
        _ => null,
    };

    /// <summary>Why the threshold rule holds for the sensor, or null.</summary>
    private static string? ThresholdHolds(AlertRule rule, SensorPoint s)
    {
        if (rule.Above is double above && s.Value is double v1 && v1 > above)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{v1:0.##} {s.Unit} above {above:0.##}");
        }
        if (rule.Below is double below && s.Value is double v2 && v2 < below)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{v2:0.##} {s.Unit} below {below:0.##}");
        }
        if (rule.Status is { } status && Rank(s.Status) >= Rank(status) && Rank(s.Status) > 0)
        {
            string reading = s.Value is double v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.##} {s.Unit} ") : s.State is null ? "" : $"{s.State} ";
            return $"{reading}status {s.Status.ToString().ToLowerInvariant()}";
        }
        return null;
    }

    private static int Rank(SensorStatus status) => status switch
    {
        SensorStatus.Warning => 1,
        SensorStatus.Critical => 2,
        SensorStatus.NonRecoverable => 3,
        _ => 0,
    };

    private static int Rank(string status) => status.ToLowerInvariant() switch
    {
        "warning" => 1,
        "critical" => 2,
        "non-recoverable" => 3,
        _ => int.MaxValue,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

using System.Text.Json;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Monitoring.Alerts;

/// <summary>
/// Turns sensor polls, predictions, events, console hits and reachability changes into alerts, by the
/// <see cref="DefaultRules"/> and the stored rules. One alert per fingerprint (rule + node + subject) while open:
/// repeats bump Occurrences/LastSeen. Lasting conditions (threshold, trend, reachability) fire after
/// <see cref="AlertRule.For"/> and resolve themselves ("auto") when they clear; event and console alerts stay until a
/// person resolves them. An alert that fires again within <see cref="AlertEngineOptions.FlapWindow"/> of resolving
/// reopens (Flaps + 1); after <see cref="AlertEngineOptions.FlapThreshold"/> reopenings its notifications are held
/// until it is stable (<see cref="TickAsync"/> releases them). Silenced alerts are recorded but notify nobody.
/// Every change is saved together with one outbox row per channel, then <c>wake</c> is called so the dispatcher
/// delivers at once.
/// </summary>
/// <remarks>
/// Thread-safe: observations may come from many tasks. Matching runs outside the lock; one gate serialises the alert
/// state, and the store is only written when an alert changes (a local transaction), never for a condition that merely
/// keeps holding (LastSeen is saved at most every <see cref="AlertEngineOptions.LastSeenInterval"/>).
/// </remarks>
public sealed partial class AlertEngine : IDisposable
{
    private readonly IMonitoringStore _store;
    private readonly TimeProvider _time;
    private readonly Func<string, string, bool> _inRange;
    private readonly Action? _wake;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Alert> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Since, AlertCondition Condition)> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlapState> _flaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSaved = new(StringComparer.Ordinal);
    private bool _loaded;

    /// <param name="store">Where alerts, rules, silences and the outbox live.</param>
    /// <param name="options">Channels, flap suppression, service name.</param>
    /// <param name="time">The clock (For, flap windows, silences).</param>
    /// <param name="noderangeMatcher">(noderange, node) → whether the node is in the range; for rule and silence scopes. Null: only exact names and "*" match.</param>
    /// <param name="wake">Called after notifications were queued, so the dispatcher delivers at once.</param>
    /// <param name="logger">Logs transitions and skipped rules.</param>
    public AlertEngine(IMonitoringStore store, AlertEngineOptions? options = null, TimeProvider? time = null,
        Func<string, string, bool>? noderangeMatcher = null, Action? wake = null, ILogger<AlertEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Options = options ?? new AlertEngineOptions();
        _time = time ?? TimeProvider.System;
        _inRange = noderangeMatcher ?? ((range, node) => range == "*" || string.Equals(range, node, StringComparison.Ordinal));
        _wake = wake;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public AlertEngineOptions Options { get; }

    /// <summary>The fingerprint of an alert: rule, node and subject.</summary>
    public static string Fingerprint(string rule, string node, string? subject) => $"{rule}|{node}|{subject}";

    public void Dispose() => _gate.Dispose();

    /// <summary>The condition holds now: fire (after For), or bump the open alert.</summary>
    private async Task HoldAsync(AlertCondition c, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        string fp = c.Fingerprint;
        if (_open.TryGetValue(fp, out var open))
        {
            _pending.Remove(fp);
            if (c.Severity > open.Severity)
            {
                // Worse than when it fired: tell people again.
                var escalated = open with { Severity = c.Severity, Summary = c.Summary, Evidence = c.Evidence ?? open.Evidence, LastSeen = now };
                await SaveAsync(escalated, AlertTransition.Firing, c.Rule, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (!c.Lasting)
            {
                var again = open with { Occurrences = open.Occurrences + 1, LastSeen = now, Evidence = c.Evidence ?? open.Evidence };
                await SaveAsync(again, null, c.Rule, cancellationToken).ConfigureAwait(false);
                return;
            }
            var seen = open with { LastSeen = now, Summary = c.Summary, Evidence = c.Evidence ?? open.Evidence };
            _open[fp] = seen;
            if (now - _lastSaved.GetValueOrDefault(fp, DateTimeOffset.MinValue) >= Options.LastSeenInterval)
            {
                await SaveAsync(seen, null, c.Rule, cancellationToken).ConfigureAwait(false);
            }
            return;
        }

        if (c.Lasting && c.Rule.For > TimeSpan.Zero)
        {
            if (!_pending.TryGetValue(fp, out var pending))
            {
                _pending[fp] = (now, c);
                return;
            }
            _pending[fp] = (pending.Since, c);
            if (now - pending.Since < c.Rule.For)
            {
                return;
            }
        }
        _pending.Remove(fp);
        await FireAsync(c, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task FireAsync(AlertCondition c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string fp = c.Fingerprint;
        var flap = _flaps.GetValueOrDefault(fp);
        Alert alert;
        if (flap?.Resolved is { } previous && now - previous.ResolvedAt!.Value <= Options.FlapWindow)
        {
            alert = previous with
            {
                State = AlertState.Firing, Severity = c.Severity, Summary = c.Summary, Evidence = c.Evidence ?? previous.Evidence,
                LastSeen = now, Occurrences = previous.Occurrences + 1, Flaps = previous.Flaps + 1,
                ResolvedBy = null, ResolvedAt = null, AcknowledgedBy = null, AcknowledgedAt = null,
            };
            flap.Resolved = null;
            flap.Reopened.Add(now);
            flap.Reopened.RemoveAll(t => now - t > Options.FlapWindow);
            if (flap.Reopened.Count >= Options.FlapThreshold)
            {
                flap.Held = true;
            }
        }
        else
        {
            alert = new Alert
            {
                Fingerprint = fp, Rule = c.Rule.Name, Node = c.Node, Subject = c.Subject, Severity = c.Severity, State = AlertState.Firing,
                Summary = c.Summary, Evidence = c.Evidence, FirstSeen = now, LastSeen = now,
            };
            // The payload carries the alert id: insert first, then save again with the outbox rows. (A crash in
            // between leaves a firing alert without notifications; the store's one-transaction save cannot know the
            // id in advance.)
            alert = await _store.SaveAlertAsync(alert, cancellationToken).ConfigureAwait(false);
        }
        await SaveAsync(alert, AlertTransition.Firing, c.Rule, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A lasting condition no longer holds: forget the pending one, auto-resolve the open one.</summary>
    private async Task ClearAsync(string fingerprint, AlertRule rule, CancellationToken cancellationToken)
    {
        _pending.Remove(fingerprint);
        if (!_open.TryGetValue(fingerprint, out var open))
        {
            return;
        }
        var now = _time.GetUtcNow();
        var resolved = open with { State = AlertState.Resolved, ResolvedBy = "auto", ResolvedAt = now, LastSeen = now };
        var flap = Flap(fingerprint);
        flap.Resolved = resolved;
        await SaveAsync(resolved, AlertTransition.Resolved, rule, cancellationToken).ConfigureAwait(false);
    }

    private FlapState Flap(string fingerprint)
    {
        if (!_flaps.TryGetValue(fingerprint, out var flap))
        {
            flap = new FlapState();
            _flaps[fingerprint] = flap;
        }
        return flap;
    }

    /// <summary>Saves the alert with the notifications of <paramref name="transition"/> (none when null, silenced or held) and updates the cache.</summary>
    private async Task<Alert> SaveAsync(Alert alert, AlertTransition? transition, AlertRule? rule, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var notifications = new List<(string Channel, AlertTransition Transition, string Payload)>();
        string note = "";
        if (transition is { } t)
        {
            var flap = Flap(alert.Fingerprint);
            flap.LastChange = now;
            if (flap.Held)
            {
                note = " (flapping: notifications held until stable)";
            }
            else if (await SilencedAsync(alert, cancellationToken).ConfigureAwait(false) is { } silence)
            {
                note = $" (silenced by silence {silence.Id})";
            }
            else
            {
                notifications.AddRange(Notifications(alert, t, rule, now));
                flap.LastNotified = t;
            }
        }
        var saved = notifications.Count > 0 || alert.Id == 0
            ? await _store.SaveAlertAsync(alert, notifications, now, cancellationToken).ConfigureAwait(false)
            : await _store.SaveAlertAsync(alert, cancellationToken).ConfigureAwait(false);
        _lastSaved[saved.Fingerprint] = now;
        if (saved.State == AlertState.Resolved)
        {
            _open.Remove(saved.Fingerprint);
            _lastSaved.Remove(saved.Fingerprint);
        }
        else
        {
            _open[saved.Fingerprint] = saved;
        }
        if (transition is { } tr)
        {
            AlertEngineLog.Transition(_logger, saved.Id, tr.ToString().ToLowerInvariant(), saved.Rule, saved.Node, saved.Subject,
                saved.Severity.ToString().ToLowerInvariant(), note);
        }
        if (notifications.Count > 0)
        {
            _wake?.Invoke();
        }
        return saved;
    }

    private IEnumerable<(string Channel, AlertTransition Transition, string Payload)> Notifications(Alert alert, AlertTransition transition,
        AlertRule? rule, DateTimeOffset now)
    {
        string payload = AlertPayload.Create(alert, transition, now, Options.ServiceName).ToJson();
        IEnumerable<AlertChannel> channels = rule?.Channels is { } named
            ? named.Select(n => Options.Channels.FirstOrDefault(c => c.Name == n) ?? new AlertChannel(n))
            : Options.Channels;
        foreach (var channel in channels.DistinctBy(c => c.Name))
        {
            if (alert.Severity >= channel.MinSeverity)
            {
                yield return (channel.Name, transition, payload);
            }
        }
    }

    /// <summary>Loads the open alerts once, so conditions that do not hold never touch the store.</summary>
    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }
        var open = await _store.QueryAlertsAsync(new AlertQuery { Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false);
        foreach (var alert in open.Where(a => a.State != AlertState.Resolved).OrderBy(a => a.Id))
        {
            _open[alert.Fingerprint] = alert;
        }
        _loaded = true;
    }

    private static string Json(object evidence) => JsonSerializer.Serialize(evidence, MonitoringJson.Options);
}

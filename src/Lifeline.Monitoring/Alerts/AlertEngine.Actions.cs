using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

// What people do (acknowledge, resolve, silence) and the periodic tick (For of conditions nobody re-reports, release
// of held notifications once an alert is stable, forgetting old flap history).
public sealed partial class AlertEngine
{
    /// <summary>Acknowledges an open alert; null when there is no such alert.</summary>
    /// <exception cref="InvalidOperationException">The alert is resolved.</exception>
    public Task<Alert?> AcknowledgeAsync(long id, string who, string? comment, CancellationToken cancellationToken) =>
        ChangeAsync(id, who, comment, AlertTransition.Acknowledged, cancellationToken);

    /// <summary>Resolves an alert by hand (event and console alerts need this); null when there is no such alert.</summary>
    /// <exception cref="InvalidOperationException">The alert is already resolved.</exception>
    public Task<Alert?> ResolveAsync(long id, string who, string? comment, CancellationToken cancellationToken) =>
        ChangeAsync(id, who, comment, AlertTransition.Resolved, cancellationToken);

    private async Task<Alert?> ChangeAsync(long id, string who, string? comment, AlertTransition transition, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(who))
        {
            throw new ArgumentException("say who is acting (the user name).", nameof(who));
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            var alert = _open.Values.FirstOrDefault(a => a.Id == id) ?? await _store.GetAlertAsync(id, cancellationToken).ConfigureAwait(false);
            if (alert is null)
            {
                return null;
            }
            if (alert.State == AlertState.Resolved)
            {
                throw new InvalidOperationException($"alert {id} was already resolved by {alert.ResolvedBy} at {alert.ResolvedAt:u}; nothing to {(transition == AlertTransition.Resolved ? "resolve" : "acknowledge")}.");
            }
            var now = _time.GetUtcNow();
            var changed = transition == AlertTransition.Acknowledged
                ? alert with { State = AlertState.Acknowledged, AcknowledgedBy = who, AcknowledgedAt = now, Comment = comment ?? alert.Comment }
                : alert with { State = AlertState.Resolved, ResolvedBy = who, ResolvedAt = now, Comment = comment ?? alert.Comment };
            if (transition == AlertTransition.Resolved)
            {
                // A person's resolve starts afresh: the next firing is a new alert, not a flap.
                _pending.Remove(alert.Fingerprint);
                if (_flaps.TryGetValue(alert.Fingerprint, out var flap))
                {
                    flap.Resolved = null;
                }
            }
            var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
            var rule = rules.FirstOrDefault(r => r.Name == alert.Rule);
            return await SaveAsync(changed, transition, rule, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Silences alerts of a noderange and/or rule until <paramref name="endsAt"/>: still recorded, nobody notified.</summary>
    /// <param name="nodes">A noderange; null = every node.</param>
    /// <param name="rule">A rule name; null = every rule.</param>
    /// <param name="endsAt">When it ends; must be in the future.</param>
    /// <param name="who">Who made it.</param>
    /// <param name="comment">Why.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    public async Task<Silence> SilenceAsync(string? nodes, string? rule, DateTimeOffset endsAt, string who, string comment, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (endsAt <= now)
        {
            throw new ArgumentException($"the silence would end at {endsAt:u}, which is not in the future: give a later end.", nameof(endsAt));
        }
        if (string.IsNullOrWhiteSpace(who))
        {
            throw new ArgumentException("say who creates the silence (the user name).", nameof(who));
        }
        var silence = await _store.AddSilenceAsync(new Silence(0, nodes, rule, now, endsAt, who, comment ?? "", now), cancellationToken).ConfigureAwait(false);
        _silencesReadAt = DateTimeOffset.MinValue;
        return silence;
    }

    /// <summary>Ends a silence now; false when unknown.</summary>
    public async Task<bool> EndSilenceAsync(long id, CancellationToken cancellationToken)
    {
        bool ended = await _store.EndSilenceAsync(id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _silencesReadAt = DateTimeOffset.MinValue;
        return ended;
    }

    /// <summary>
    /// Call periodically (e.g. every 15 s): fires conditions whose <see cref="AlertRule.For"/> has passed although
    /// nothing re-reported them (reachability changes come once), releases the held notifications of alerts that have
    /// been stable for <see cref="AlertEngineOptions.FlapWindow"/> (telling the channels the current state once), and
    /// forgets flap history older than the window.
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            foreach (var (fingerprint, (since, condition)) in _pending.ToList())
            {
                if (now - since >= condition.Rule.For)
                {
                    _pending.Remove(fingerprint);
                    await FireAsync(condition, now, cancellationToken).ConfigureAwait(false);
                }
            }
            foreach (var (fingerprint, flap) in _flaps.ToList())
            {
                if (now - flap.LastChange < Options.FlapWindow)
                {
                    continue;
                }
                if (flap.Held)
                {
                    flap.Held = false;
                    flap.Reopened.Clear();
                    var current = _open.GetValueOrDefault(fingerprint) ?? flap.Resolved;
                    var state = current?.State == AlertState.Resolved ? AlertTransition.Resolved : AlertTransition.Firing;
                    if (current is not null && flap.LastNotified != state)
                    {
                        var rules = await RulesAsync(cancellationToken).ConfigureAwait(false);
                        await SaveAsync(current, state, rules.FirstOrDefault(r => r.Name == current.Rule), cancellationToken).ConfigureAwait(false);
                    }
                }
                if (!_open.ContainsKey(fingerprint) && !flap.Held)
                {
                    _flaps.Remove(fingerprint);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

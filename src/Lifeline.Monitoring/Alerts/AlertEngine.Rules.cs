using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

// The rule set (defaults under the stored rules, invalid ones skipped) and the silences, cached and re-read after
// RuleRefresh or at once after InvalidateRules / a silence change through the engine.
public sealed partial class AlertEngine
{
    private readonly SemaphoreSlim _ruleGate = new(1, 1);
    private volatile IReadOnlyList<AlertRule>? _rules;
    private DateTimeOffset _rulesReadAt;
    private IReadOnlyList<Silence> _silences = [];
    private DateTimeOffset _silencesReadAt = DateTimeOffset.MinValue;

    /// <summary>Re-read the stored rules and silences at the next observation (call after a rule changed).</summary>
    public void InvalidateRules()
    {
        _rulesReadAt = DateTimeOffset.MinValue;
        _silencesReadAt = DateTimeOffset.MinValue;
    }

    /// <summary>The rules in force: defaults (unless replaced or turned off), then the valid stored rules.</summary>
    public async Task<IReadOnlyList<AlertRule>> RulesAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_rules is { } cached && now - _rulesReadAt < Options.RuleRefresh)
        {
            return cached;
        }
        await _ruleGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_rules is { } again && now - _rulesReadAt < Options.RuleRefresh)
            {
                return again;
            }
            IReadOnlyList<AlertRule> stored;
            try
            {
                stored = await _store.ListRulesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && _rules is not null)
            {
                AlertEngineLog.RulesUnavailable(_logger, e);
                _rulesReadAt = now;
                return _rules;
            }
            var byName = new Dictionary<string, AlertRule>(StringComparer.Ordinal);
            if (Options.UseDefaultRules)
            {
                foreach (var rule in DefaultRules.All)
                {
                    byName[rule.Name] = rule;
                }
            }
            foreach (var rule in stored)
            {
                var problems = AlertRuleValidator.Validate(rule);
                if (problems.Count > 0)
                {
                    AlertEngineLog.InvalidRule(_logger, rule.Name, string.Join(" ", problems));
                    continue;
                }
                byName[rule.Name] = rule;
            }
            _rules = byName.Values.ToList();
            _rulesReadAt = now;
            return _rules;
        }
        finally
        {
            _ruleGate.Release();
        }
    }

    /// <summary>The silence in force for the alert at this moment, if any.</summary>
    private async Task<Silence?> SilencedAsync(Alert alert, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - _silencesReadAt >= Options.RuleRefresh)
        {
            try
            {
                _silences = await _store.ListSilencesAsync(now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AlertEngineLog.RulesUnavailable(_logger, e);
            }
            _silencesReadAt = now;
        }
        foreach (var s in _silences)
        {
            if (s.StartsAt <= now && now < s.EndsAt
                && (s.Rule is null || string.Equals(s.Rule, alert.Rule, StringComparison.Ordinal))
                && (s.Nodes is null || InRange(s.Nodes, alert.Node, "a silence")))
            {
                return s;
            }
        }
        return null;
    }

    private bool Applies(AlertRule rule, RuleKind kind, string node) =>
        rule.Enabled && rule.Kind == kind && (rule.Nodes is null || InRange(rule.Nodes, node, $"rule {rule.Name}"));

    private bool InRange(string noderange, string node, string what)
    {
        try
        {
            return _inRange(noderange, node);
        }
        catch (Exception e)
        {
            AlertEngineLog.NoderangeFailed(_logger, noderange, what, node, e);
            return false;
        }
    }
}

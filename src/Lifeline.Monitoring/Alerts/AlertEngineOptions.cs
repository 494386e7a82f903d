namespace Lifeline.Monitoring.Alerts;

/// <summary>Parameters of the <see cref="AlertEngine"/>.</summary>
public sealed record AlertEngineOptions
{
    /// <summary>The service name in every payload (<c>Lifeline:Monitoring:ServiceName</c>). Default "lifeline".</summary>
    public string ServiceName { get; init; } = "lifeline";

    /// <summary>The channels notified when a rule names none. Default none (alerts are recorded, nobody is told).</summary>
    public IReadOnlyList<AlertChannel> Channels { get; init; } = [];

    /// <summary>Use <see cref="DefaultRules.All"/> under the stored rules (a stored rule of the same name replaces one). Default true.</summary>
    public bool UseDefaultRules { get; init; } = true;

    /// <summary>
    /// An alert that auto-resolves and fires again within this reopens (Flaps + 1) instead of starting a new one; it
    /// counts as stable again after this long without a change. Default 15 min.
    /// </summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>After this many reopenings within <see cref="FlapWindow"/> notifications are held until it is stable. Default 3.</summary>
    public int FlapThreshold { get; init; } = 3;

    /// <summary>Stored rules and silences are re-read at most this often (and at once after a change through the engine). Default 30 s.</summary>
    public TimeSpan RuleRefresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A state-based alert that keeps holding has its LastSeen saved at most this often. Default 5 min.</summary>
    public TimeSpan LastSeenInterval { get; init; } = TimeSpan.FromMinutes(5);
}

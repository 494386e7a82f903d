using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

/// <summary>A rule's condition holding for one node and subject, with what an alert would say about it.</summary>
/// <param name="Lasting">True for conditions that last and clear (threshold, trend, reachability); false for one-off hits (event, console).</param>
internal sealed record AlertCondition(AlertRule Rule, string Node, string? Subject, Severity Severity, string Summary, string? Evidence, bool Lasting)
{
    public string Fingerprint => AlertEngine.Fingerprint(Rule.Name, Node, Subject);
}

using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>Alerts and payloads for the channel tests.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Alert Fan(long id = 7, string node = "node12", Severity severity = Severity.Critical, string summary = "Fan3 falling 95 RPM/min; lower critical 1000 RPM in ~42 min") => new()
    {
        Id = id,
        Fingerprint = $"fan-falling/{node}/Fan3",
        Rule = "fan-failing",
        Node = node,
        Subject = "Fan3",
        Severity = severity,
        State = AlertState.Firing,
        Summary = summary,
        Evidence = """{"slope":-95,"unit":"RPM/min","current":4980}""",
        FirstSeen = Start,
        LastSeen = Start,
    };

    public static AlertPayload Payload(Alert? alert = null, AlertTransition transition = AlertTransition.Firing) =>
        AlertPayload.Create(alert ?? Fan(), transition, Start, "lifeline-test");
}

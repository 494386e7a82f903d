namespace Lifeline.Monitoring.Model;

/// <summary>
/// An event to store. <see cref="DedupeKey"/> is unique per (node, source): storing the same record twice (a re-read
/// after a restart, a push and a poll of the same Redfish entry) keeps one. For SEL records it is built from the
/// record id, the BMC's erase epoch and the 16 raw bytes, so a record id reused after a clear is a new event.
/// </summary>
/// <param name="Node">The node name.</param>
/// <param name="Time">When it happened: the BMC's timestamp when it has a usable one, else when we saw it.</param>
/// <param name="Severity">Normalised severity.</param>
/// <param name="Source">One of <see cref="EventSources"/>.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Sensor">The sensor or resource it concerns, when known.</param>
/// <param name="DedupeKey">Identity of the record at its source.</param>
/// <param name="Raw">The raw record (SEL: 32 hex digits; Redfish: the entry's JSON), for forensics.</param>
/// <param name="Kind">A stable classifier for rules ("memory-correctable", "psu-redundancy-lost", "sel-cleared", …), when known.</param>
public sealed record NewEvent(string Node, DateTimeOffset Time, Severity Severity, string Source, string Message, string? Sensor,
    string DedupeKey, string? Raw = null, string? Kind = null);

/// <summary>A stored event: <see cref="NewEvent"/> plus its id (increasing in insertion order) and when it was stored.</summary>
public sealed record MonitoredEvent(long Id, string Node, DateTimeOffset Time, Severity Severity, string Source, string Message,
    string? Sensor, string DedupeKey, string? Raw, string? Kind, DateTimeOffset ReceivedAt);

/// <summary>An event query. <see cref="AfterId"/> is for following: only events stored after that one, oldest first.</summary>
public sealed record EventQuery
{
    public IReadOnlyCollection<string>? Nodes { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public Severity? MinSeverity { get; init; }
    /// <summary>Case-insensitive substring of the message or sensor.</summary>
    public string? Text { get; init; }
    public string? Source { get; init; }
    public long? AfterId { get; init; }
    public int Limit { get; init; } = 1000;
}

/// <summary>
/// Where event collection of one node and source stands (the SEL's last record id, erase timestamp, …), as the
/// collector's own JSON. Saved in the same transaction as the events it covers, so a restart resumes exactly.
/// </summary>
public sealed record EventCursor(string Node, string Source, string State, DateTimeOffset UpdatedAt);

namespace Lifeline.Drivers;

/// <summary>
/// One event-log record read incrementally: the decoded <see cref="SelEvent"/> plus its raw form and a key that is
/// the same every time the same record is read again (after a reboot, a restart of the service, a push and a poll).
/// </summary>
/// <param name="Event">The decoded record, as <c>sel list</c> shows it.</param>
/// <param name="SourceId">Its id at the source: the SEL record id as 4 hex digits, or the Redfish LogEntry Id.</param>
/// <param name="Raw">IPMI: the 16 record bytes as 32 uppercase hex digits; Redfish: the LogEntry JSON as received.</param>
/// <param name="DedupeKey">Identity of the record: the reader, the clear count (<see cref="EventReadCursor.ClearCount"/>),
/// the id and the raw bytes (IPMI) or the Created time (Redfish). Store it unique per node.</param>
/// <param name="Kind">A stable classifier when the record is one rules care about ("memory-correctable",
/// "memory-uncorrectable", "psu-failure", "psu-redundancy-lost", "sel-cleared", "threshold"), else null.</param>
public sealed record BmcLogEvent(SelEvent Event, string SourceId, string Raw, string DedupeKey, string? Kind = null);

namespace Lifeline.Drivers;

/// <summary>
/// Where incremental event-log reading of one BMC stands, returned by <see cref="IBmcBackend.ReadEventsSinceAsync"/>
/// and handed back on the next call. A plain JSON-friendly record (public init properties only): the service stores it
/// with the events it covers, so a restart resumes exactly where it stopped.
/// </summary>
public sealed record EventReadCursor
{
    /// <summary>Which reader wrote it: <see cref="IpmiSel"/>, <see cref="RedfishLog"/> or <see cref="ListFallback"/>.
    /// A cursor of another kind is ignored (the next read starts over, the caller dedupes).</summary>
    public string Kind { get; init; } = "";

    /// <summary>Bumped every time a clear is detected; part of every event's dedupe key, so a record id (or a whole
    /// record) that comes back after a clear is a new event.</summary>
    public int ClearCount { get; init; }

    // IPMI SEL (§31.2 Get SEL Info, §31.5 Get SEL Entry)

    /// <summary>Record id of the newest record read, or null when the SEL was empty.</summary>
    public int? LastRecordId { get; init; }

    /// <summary>That record's 16 bytes as 32 hex digits: a record id reused for another record is noticed.</summary>
    public string? LastRecordRaw { get; init; }

    /// <summary>Get SEL Info "most recent addition" timestamp when last read (FFFFFFFFh: never).</summary>
    public uint? LastAddTimestamp { get; init; }

    /// <summary>Get SEL Info "most recent erase" timestamp when last read; a change means a clear (or a delete).</summary>
    public uint? LastEraseTimestamp { get; init; }

    /// <summary>How many entries the log held when last read.</summary>
    public int? EntryCount { get; init; }

    // Redfish LogService (LogService.v1, LogEntry.v1)

    /// <summary>The LogService read (its @odata.id), so later reads skip discovery.</summary>
    public string? LogServiceUri { get; init; }

    /// <summary>The newest entry's Id.</summary>
    public string? LastEntryId { get; init; }

    /// <summary>The newest entry's Created time.</summary>
    public DateTimeOffset? LastCreated { get; init; }

    /// <summary><see cref="Kind"/> of the IPMI SEL reader.</summary>
    public const string IpmiSel = "ipmi-sel";

    /// <summary><see cref="Kind"/> of the Redfish LogService reader.</summary>
    public const string RedfishLog = "redfish-log";

    /// <summary><see cref="Kind"/> of the default implementation (a full <c>sel list</c> filtered by record id).</summary>
    public const string ListFallback = "sel-list";
}

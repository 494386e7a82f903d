namespace Lifeline.Drivers;

/// <summary>
/// What one incremental read of a BMC's event log found. Events are oldest first; the caller stores them (deduping
/// by <see cref="BmcLogEvent.DedupeKey"/>) together with <see cref="Cursor"/> and passes the cursor to the next read.
/// </summary>
/// <param name="Events">Records newer than the cursor (every record when <see cref="Cleared"/> or <see cref="Restarted"/>).</param>
/// <param name="Cursor">Where the next read resumes.</param>
/// <param name="Cleared">The log was cleared since the cursor (erase timestamp changed, or the last entry vanished
/// and the count dropped).</param>
/// <param name="Overflow">The BMC says events were dropped or overwritten because the log was full.</param>
/// <param name="Restarted">The last record seen had vanished without a clear (rolled over, BMC replaced its log): every
/// record was read again; those already stored come back with the same dedupe key.</param>
public sealed record EventBatch(IReadOnlyList<BmcLogEvent> Events, EventReadCursor Cursor, bool Cleared, bool Overflow, bool Restarted)
{
    /// <summary>True when no record was read at all: the log's info showed nothing new (the cheap path of polling).</summary>
    public bool Unchanged { get; init; }
}

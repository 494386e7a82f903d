using System.Globalization;

namespace Lifeline.Drivers;

/// <summary>
/// <see cref="IBmcBackend.ReadEventsSinceAsync"/> for backends without a cheaper way: the whole log through
/// <see cref="IBmcBackend.ListSelAsync"/>, filtered by record id. The "raw" form is the decoded fields, so dedupe
/// still works across re-reads.
/// </summary>
internal static class EventListFallback
{
    public static async Task<EventBatch> ReadSinceAsync(IBmcBackend backend, BmcTarget target, ConnectionSettings connection,
        EventReadCursor? cursor, CancellationToken cancellationToken)
    {
        var all = (await backend.ListSelAsync(target, connection, cancellationToken).ConfigureAwait(false)).Events;
        if (cursor?.Kind != EventReadCursor.ListFallback)
        {
            cursor = null;
        }
        bool cleared = false, restarted = false;
        IEnumerable<SelEvent> fresh = all;
        int clears = cursor?.ClearCount ?? 0;
        if (cursor?.LastRecordId is { } last)
        {
            if (all.Any(e => e.Id == last))
            {
                fresh = all.Where(e => e.Id > last);
            }
            else if (all.Count < (cursor.EntryCount ?? 0) || all.Count == 0)
            {
                cleared = true;
                clears++;
            }
            else
            {
                restarted = true;
            }
        }
        var events = fresh.Select(e =>
        {
            string raw = string.Create(CultureInfo.InvariantCulture, $"{e.Id}|{e.Timestamp:O}|{e.Sensor}|{e.Message}");
            return new BmcLogEvent(e, e.Id.ToString(CultureInfo.InvariantCulture), raw,
                string.Create(CultureInfo.InvariantCulture, $"{EventReadCursor.ListFallback}:{clears}:{raw}"));
        }).ToList();
        var next = new EventReadCursor
        {
            Kind = EventReadCursor.ListFallback,
            ClearCount = clears,
            LastRecordId = all.Count > 0 ? all[^1].Id : null,
            EntryCount = all.Count,
        };
        return new EventBatch(events, next, cleared, Overflow: false, restarted);
    }
}

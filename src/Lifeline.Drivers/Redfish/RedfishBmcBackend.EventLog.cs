using System.Globalization;
using Lifeline.Redfish;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;

namespace Lifeline.Drivers.Redfish;

// Incremental reading of the system's SEL LogService (LogService.v1, LogEntry.v1) for monitoring. Redfish has no
// portable "entries after X" query, so the entries are read (one request per page; members are expanded by most
// BMCs) and ordered by Created, then numeric Id. The cursor keeps the service URI (no discovery next time), the last
// entry's Id and Created and the count: the last entry missing with the count dropped is a clear (ClearCount bumped,
// so ids the BMC reuses make new dedupe keys); missing without a drop is a restart (every entry again, dedupe keeps
// one of each). BMCs drop event subscriptions on reboot; this poll is what reconciles them.
public sealed partial class RedfishBmcBackend
{
    public Task<EventBatch> ReadEventsSinceAsync(BmcTarget target, ConnectionSettings connection, EventReadCursor? cursor,
        CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            if (cursor?.Kind != EventReadCursor.RedfishLog)
            {
                cursor = null;
            }
            var service = await LogServiceAsync(bmc, cursor?.LogServiceUri, cancellationToken).ConfigureAwait(false);
            var all = await bmc.ListAsync<LogEntry>(service.Entries, cancellationToken).ConfigureAwait(false);
            var ordered = all.Select((e, i) => (Entry: e, Index: i))
                .OrderBy(x => x.Entry.CreatedTime ?? DateTimeOffset.MinValue)
                .ThenBy(x => decimal.TryParse(x.Entry.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : decimal.MinValue)
                .ThenBy(x => x.Index)
                .Select(x => x.Entry)
                .ToList();

            int clears = cursor?.ClearCount ?? 0;
            bool cleared = false, restarted = false;
            int start = 0;
            if (cursor?.LastEntryId is { } lastId)
            {
                int position = ordered.FindLastIndex(e => e.Id == lastId && (cursor.LastCreated is null || e.CreatedTime == cursor.LastCreated));
                if (position >= 0)
                {
                    start = position + 1;
                }
                else if (ordered.Count < (cursor.EntryCount ?? int.MaxValue))
                {
                    cleared = true;
                    clears++;
                }
                else
                {
                    restarted = true;
                }
            }
            else if (cursor is not null && ordered.Count < (cursor.EntryCount ?? 0))
            {
                cleared = true;
                clears++;
            }

            string serviceUri = service.ODataId ?? "";
            var events = new List<BmcLogEvent>(ordered.Count - start);
            for (int i = start; i < ordered.Count; i++)
            {
                var entry = ordered[i];
                string id = entry.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture);
                string raw = entry.Raw.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "{}" : entry.Raw.GetRawText();
                events.Add(new BmcLogEvent(Map(entry, i), id, raw,
                    $"{EventReadCursor.RedfishLog}:{clears}:{serviceUri}:{id}:{entry.Created ?? entry.EventTimestamp}",
                    Classify(entry)));
            }

            var last = ordered.Count > 0 ? ordered[^1] : null;
            var next = new EventReadCursor
            {
                Kind = EventReadCursor.RedfishLog,
                ClearCount = clears,
                LogServiceUri = service.ODataId,
                LastEntryId = last?.Id,
                LastCreated = last?.CreatedTime,
                EntryCount = ordered.Count,
            };
            bool overflow = service.MaxNumberOfRecords is { } max && max > 0 && ordered.Count >= max;
            return new EventBatch(events, next, cleared, overflow, restarted);
        });

    /// <summary>The service at the cursor's URI, or (first read, or it is gone) the system's SEL service found again.</summary>
    private static async Task<LogService> LogServiceAsync(RedfishBmc bmc, string? uri, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(uri))
        {
            try
            {
                var known = await bmc.Client.GetAsync<LogService>(uri, cancellationToken).ConfigureAwait(false);
                if (known.Entries is not null)
                {
                    return known;
                }
            }
            catch (RedfishException e) when (e.Error is RedfishError.NotSupported or RedfishError.Rejected)
            {
                // moved or gone after a firmware update: discover it again
            }
        }
        return await SystemLogAsync(bmc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <see cref="EventKinds"/> word of an asserted entry, from its SensorType, MessageId and Message.</summary>
    internal static string? Classify(LogEntry entry)
    {
        string text = $"{entry.MessageId} {entry.Message}";
        bool Has(string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
        if (Has("going high") || Has("going low") || Has("Threshold"))
        {
            return EventKinds.Threshold;
        }
        if (string.Equals(entry.EntryCode, "Deassert", StringComparison.OrdinalIgnoreCase) || Has("Deasserted"))
        {
            return null;
        }
        if (Has("Uncorrectable ECC") || Has("MemoryECCUncorrectable"))
        {
            return EventKinds.MemoryUncorrectable;
        }
        if (Has("Correctable ECC") || Has("MemoryECCCorrectable"))
        {
            return EventKinds.MemoryCorrectable;
        }
        bool power = entry.SensorType?.Contains("Power", StringComparison.OrdinalIgnoreCase) == true || Has("Power");
        if (power && (Has("Redundancy Lost") || Has("RedundancyLost")))
        {
            return EventKinds.PsuRedundancyLost;
        }
        if (power && Has("Failure detected"))
        {
            return EventKinds.PsuFailure;
        }
        return Has("Log area reset/cleared") || Has("LogCleared") || Has("EventLogCleared") ? EventKinds.SelCleared : null;
    }
}

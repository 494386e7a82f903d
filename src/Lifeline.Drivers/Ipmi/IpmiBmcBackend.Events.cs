using System.Globalization;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sel;
using IpmiSensorType = Lifeline.Ipmi.Sensors.SensorType;
using IpmiReadingType = Lifeline.Ipmi.Sensors.EventReadingType;

namespace Lifeline.Drivers.Ipmi;

// Incremental SEL reading for monitoring (IPMI v2.0 §31.2 Get SEL Info, §31.5 Get SEL Entry). Polling 10,000 BMCs a
// minute must be cheap: when Get SEL Info shows the same entry count and the same addition and erase timestamps as
// the cursor, nothing else is sent. Otherwise the cursor's last record is read again (its bytes must match, so a
// reused record id is noticed) and the chain is followed from its next-record id. A vanished last record is a clear
// when the erase timestamp moved (ClearCount is bumped: records that come back with the same bytes are new events)
// and a restart otherwise (rolled over: every record is read again and dedupes against what is stored).
public sealed partial class IpmiBmcBackend
{
    public Task<EventBatch> ReadEventsSinceAsync(BmcTarget target, ConnectionSettings connection, EventReadCursor? cursor,
        CancellationToken cancellationToken) =>
        WithSessionAsync(target, connection, PrivilegeLevel.User, async session =>
        {
            var reader = new SelReader(session, _time);
            var info = await reader.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            bool overflow = (info.Support & SelSupport.Overflow) != 0;
            if (cursor?.Kind != EventReadCursor.IpmiSel)
            {
                cursor = null;
            }
            if (cursor is not null && cursor.LastAddTimestamp == info.MostRecentAddition
                && cursor.LastEraseTimestamp == info.MostRecentErase && cursor.EntryCount == info.Entries)
            {
                return new EventBatch([], cursor, Cleared: false, overflow, Restarted: false) { Unchanged = true };
            }

            int clears = cursor?.ClearCount ?? 0;
            bool cleared = false, restarted = false;
            IReadOnlyList<byte[]>? entries = null;
            if (cursor is not null && info.MostRecentErase != cursor.LastEraseTimestamp)
            {
                // Cleared (or an entry deleted — rare; its survivors then come back under new keys): read it all.
                cleared = true;
                clears++;
            }
            else if (cursor?.LastRecordId is { } last)
            {
                entries = await ReadAfterAsync(session, reader, (ushort)last, cursor.LastRecordRaw, cancellationToken).ConfigureAwait(false);
                restarted = entries is null;
            }
            entries ??= info.Entries == 0 ? [] : await reader.ReadFromAsync(GetSelEntry.FirstEntry, cancellationToken).ConfigureAwait(false);

            var events = new List<BmcLogEvent>(entries.Count);
            if (entries.Count > 0)
            {
                var repository = new SdrRepository(await ReadSdrAsync(target, session, cancellationToken).ConfigureAwait(false));
                foreach (var bytes in entries)
                {
                    string raw = Convert.ToHexString(bytes);
                    string id = raw[2..4] + raw[..2]; // record id, LSB first on the wire
                    var decoded = Decode(bytes, repository);
                    var selEvent = decoded?.Event ?? new SelEvent(int.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        null, "", $"malformed SEL record {raw}", EventSeverity.Info);
                    events.Add(new BmcLogEvent(selEvent, id, raw,
                        string.Create(CultureInfo.InvariantCulture, $"{EventReadCursor.IpmiSel}:{clears}:{raw}"),
                        decoded is { } d ? Classify(d.Record) : null));
                }
            }

            bool keepLast = entries.Count == 0 && !cleared && !restarted;
            var next = new EventReadCursor
            {
                Kind = EventReadCursor.IpmiSel,
                ClearCount = clears,
                LastRecordId = keepLast ? cursor?.LastRecordId : entries.Count > 0 ? int.Parse(events[^1].SourceId, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null,
                LastRecordRaw = keepLast ? cursor?.LastRecordRaw : entries.Count > 0 ? events[^1].Raw : null,
                // the info from before the entries were read: anything added meanwhile shows as a change next time
                LastAddTimestamp = info.MostRecentAddition,
                LastEraseTimestamp = info.MostRecentErase,
                EntryCount = info.Entries,
            };
            return new EventBatch(events, next, cleared, overflow, restarted);
        }, cancellationToken);

    /// <summary>
    /// The records after <paramref name="lastRecordId"/>, or null when that record is gone or is no longer the record
    /// with <paramref name="expectedRaw"/> (the chain must then be read from the start).
    /// </summary>
    private static async Task<IReadOnlyList<byte[]>?> ReadAfterAsync(IIpmiChannel session, SelReader reader, ushort lastRecordId,
        string? expectedRaw, CancellationToken cancellationToken)
    {
        RecordChunkResponse response;
        try
        {
            response = await session.ExecuteAsync(new GetSelEntry(lastRecordId), cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e) when (e.CompletionCode == CompletionCode.RequestedDataNotPresent)
        {
            return null;
        }
        if (expectedRaw is not null && response.Data.Length >= GetSelEntry.RecordLength
            && !string.Equals(Convert.ToHexString(response.Data, 0, GetSelEntry.RecordLength), expectedRaw, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (response.NextRecordId == RecordChunkResponse.LastRecordId)
        {
            return [];
        }
        if (response.NextRecordId == lastRecordId)
        {
            throw new IpmiException(IpmiError.MalformedResponse, $"SEL record {lastRecordId:X4}h names itself as its next record");
        }
        return await reader.ReadFromAsync(response.NextRecordId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <see cref="EventKinds"/> word of an asserted record rules look for, else null.</summary>
    internal static string? Classify(SelRecord record)
    {
        if (record is not SystemEventRecord s)
        {
            return null;
        }
        if (s.EventReadingType == IpmiReadingType.Threshold)
        {
            return EventKinds.Threshold;
        }
        if (s.IsDeassertion)
        {
            return null;
        }
        return (s.SensorType, s.EventReadingType, s.Offset) switch
        {
            (IpmiSensorType.PowerSupply or IpmiSensorType.PowerUnit, IpmiReadingType.Redundancy, 1) => EventKinds.PsuRedundancyLost,
            (IpmiSensorType.Memory, IpmiReadingType.SensorSpecific, 0) => EventKinds.MemoryCorrectable,
            (IpmiSensorType.Memory, IpmiReadingType.SensorSpecific, 1) => EventKinds.MemoryUncorrectable,
            (IpmiSensorType.PowerSupply, IpmiReadingType.SensorSpecific, 1) => EventKinds.PsuFailure,
            (IpmiSensorType.EventLoggingDisabled, IpmiReadingType.SensorSpecific, 2) => EventKinds.SelCleared,
            _ => null,
        };
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Server.Monitoring;

// Incremental event-log collection: the cursor is stored in the same transaction as the events it covers, so after a
// crash or restart the next read resumes exactly there; a record read twice (BMC reboot, rollover, restart between
// the read and the store) has the same dedupe key and is stored once.
internal sealed partial class MonitoringPipeline
{
    /// <summary>The cursor source name of BMC event logs (IPMI SEL or Redfish LogService).</summary>
    public const string BmcLogCursor = "bmc-log";

    private readonly ConcurrentDictionary<string, EventReadCursor?> _cursors = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _eventReads = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the node's event log from its cursor and stores what is new. One read per node at a time (a pushed
    /// event and the schedule may ask together): the second waits and then finds nothing new, or what came since.
    /// </summary>
    public async Task PollEventsAsync(string node, CancellationToken cancellationToken)
    {
        var gate = _eventReads.GetOrAdd(node, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReadEventLogAsync(node, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ReadEventLogAsync(string node, CancellationToken cancellationToken)
    {
        if (!_cursors.TryGetValue(node, out var cursor))
        {
            var saved = await _store.GetCursorAsync(node, BmcLogCursor, cancellationToken).ConfigureAwait(false);
            cursor = saved is null ? null : ReadCursor(saved.State);
        }
        long started = _time.GetTimestamp();
        var outcome = await _nodes.ReadEventsAsync(node, cursor, cancellationToken).ConfigureAwait(false);
        var took = _time.GetElapsedTime(started);
        _instruments.Poll("events", outcome.Result is EventBatch, took);
        if (outcome.Result is not EventBatch batch)
        {
            if (outcome.Error?.Category is not (NodeCategories.UnknownNode or NodeCategories.NotConfigured or NodeCategories.Cancelled))
            {
                _states.Update(node, s => s with { EventPolls = s.EventPolls + 1, EventPollErrors = s.EventPollErrors + 1, EventPollDuration = took });
            }
            return;
        }
        _states.Update(node, s => s with { EventPolls = s.EventPolls + 1, EventPollDuration = took });
        if (batch.Unchanged && batch.Cursor == cursor)
        {
            _cursors[node] = cursor;
            return; // one Get SEL Info, nothing new: nothing to write
        }

        var now = _time.GetUtcNow();
        var source = batch.Cursor.Kind == EventReadCursor.RedfishLog ? EventSources.Redfish : EventSources.Sel;
        var events = new List<NewEvent>(batch.Events.Count + 2);
        if (batch.Cleared && cursor is not null)
        {
            events.Add(new NewEvent(node, now, Severity.Warning, EventSources.Monitor,
                "the BMC's event log was cleared since the last read (records before the clear are kept here)", null,
                $"log-cleared:{batch.Cursor.ClearCount}", Kind: Lifeline.Drivers.EventKinds.SelCleared));
        }
        if (batch.Overflow && cursor is not null && !(_overflowing.TryGetValue(node, out var was) && was))
        {
            events.Add(new NewEvent(node, now, Severity.Warning, EventSources.Monitor,
                "the BMC's event log is full: it drops or overwrites records; clear it after review (lifeline events NODE --clear)", null,
                $"log-full:{batch.Cursor.ClearCount}:{now.UtcTicks}", Kind: "sel-full"));
        }
        _overflowing[node] = batch.Overflow;
        foreach (var e in batch.Events)
        {
            var stored = new NewEvent(node, e.Event.Timestamp ?? now, Normalise(e.Event.Severity), source, e.Event.Message,
                string.IsNullOrEmpty(e.Event.Sensor) ? null : e.Event.Sensor, e.DedupeKey, e.Raw, e.Kind);
            // the monitor's classifier knows more kinds (power transitions, fan failures) than the driver's
            events.Add(stored with { Kind = EventClassifier.Classify(stored) ?? e.Kind });
        }
        var state = JsonSerializer.Serialize(batch.Cursor, MonitoringJson.Options);
        await StoreEventsAsync(events, new EventCursor(node, BmcLogCursor, state, now), cancellationToken).ConfigureAwait(false);
        _cursors[node] = batch.Cursor; // only once stored: a failed store reads the same records again
    }

    private readonly ConcurrentDictionary<string, bool> _overflowing = new(StringComparer.Ordinal);

    private static Severity Normalise(EventSeverity severity) => severity switch
    {
        EventSeverity.Critical => Severity.Critical,
        EventSeverity.Warning => Severity.Warning,
        _ => Severity.Info,
    };

    private static EventReadCursor? ReadCursor(string state)
    {
        try
        {
            return JsonSerializer.Deserialize<EventReadCursor>(state, MonitoringJson.Options);
        }
        catch (JsonException)
        {
            return null; // unreadable: read everything again, the dedupe keys keep it exact
        }
    }

    private void ForgetCursor(string node)
    {
        _cursors.TryRemove(node, out _);
        _overflowing.TryRemove(node, out _);
    }
}

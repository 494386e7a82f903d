using System.Globalization;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>Where a previous read stopped: the newest entry's Id and time.</summary>
public sealed record LogCursor(string? LastId, DateTimeOffset? LastTime);

/// <summary>New entries (oldest first) and the cursor to pass next time.</summary>
public sealed record LogReadResult(IReadOnlyList<LogEntry> Entries, LogCursor Cursor);

// LogService / LogEntry (LogService.v1_7_0, LogEntry.v1_16_0) under Systems, Managers and Chassis.
public sealed partial class RedfishBmc
{
    public async Task<IReadOnlyList<LogService>> ListLogServicesAsync(CancellationToken ct = default)
    {
        var services = new List<LogService>();
        foreach (var s in await ListSystemsAsync(ct).ConfigureAwait(false))
        {
            services.AddRange(await ListAsync<LogService>(s.LogServices, ct).ConfigureAwait(false));
        }
        foreach (var m in await ListManagersAsync(ct).ConfigureAwait(false))
        {
            services.AddRange(await ListAsync<LogService>(m.LogServices, ct).ConfigureAwait(false));
        }
        foreach (var c in await ListChassisAsync(ct).ConfigureAwait(false))
        {
            services.AddRange(await ListAsync<LogService>(c.LogServices, ct).ConfigureAwait(false));
        }
        return services;
    }

    /// <summary>
    /// The entries of <paramref name="service"/> newer than <paramref name="since"/> (all when null), oldest first.
    /// "Newer" is by Created time when both sides have one, else by numeric Id, else by position after the last Id.
    /// </summary>
    public async Task<LogReadResult> ReadLogEntriesAsync(LogService service, LogCursor? since = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var all = await ListAsync<LogEntry>(service.Entries, ct).ConfigureAwait(false);
        var ordered = all.Select((e, i) => (e, i))
            .OrderBy(x => x.e.CreatedTime ?? DateTimeOffset.MinValue)
            .ThenBy(x => NumericId(x.e.Id) ?? decimal.MinValue)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
        List<LogEntry> fresh;
        if (since is null)
        {
            fresh = ordered;
        }
        else
        {
            var position = since.LastId is null ? -1 : ordered.FindIndex(e => e.Id == since.LastId);
            fresh = ordered.Where((e, i) => IsNewer(e, i, since, position)).ToList();
        }
        var last = fresh.Count > 0 ? fresh[^1] : null;
        var cursor = last is null ? since ?? new LogCursor(null, null) : new LogCursor(last.Id, last.CreatedTime);
        return new LogReadResult(fresh, cursor);
    }

    private static bool IsNewer(LogEntry e, int index, LogCursor since, int positionOfLast)
    {
        if (since.LastTime is { } t && e.CreatedTime is { } c && c != t)
        {
            return c > t;
        }
        if (NumericId(e.Id) is { } a && NumericId(since.LastId) is { } b)
        {
            return a > b;
        }
        return positionOfLast >= 0 ? index > positionOfLast : e.Id != since.LastId;
    }

    private static decimal? NumericId(string? id) =>
        decimal.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>LogService.ClearLog (discovered action).</summary>
    public Task<RedfishOutcome> ClearLogAsync(LogService service, CancellationToken ct = default) =>
        Client.InvokeActionAsync(service, "LogService.ClearLog", [], null, ct);
}

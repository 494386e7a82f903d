using Lifeline.Drivers;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Storage;

/// <summary>
/// What every monitoring store must do, run against each database (see the derived classes). Each test gets a store
/// on an empty, migrated database; the clock starts on a 5-minute boundary.
/// </summary>
public abstract partial class MonitoringStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<string> _directories = [];
    private readonly List<IMonitoringStore> _stores = [];
    private IMonitoringStore? _store;
    private string? _connectionString;

    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The store under test; skips (or fails under CI=true) when the database is unavailable.</summary>
    private protected IMonitoringStore Store
    {
        get
        {
            SkipUnlessAvailable();
            return _store!;
        }
    }

    protected string ConnectionString => _connectionString!;

    /// <summary>Null when the database can be used, else why not.</summary>
    protected abstract string? UnavailableReason { get; }

    protected abstract MonitoringStorageProvider Provider { get; }

    /// <summary>The connection string of a database for this test (migrated or not, emptied by <see cref="ClearAsync"/>).</summary>
    protected abstract Task<string> TestDatabaseAsync();

    /// <summary>Removes every row an earlier test of the same class left (a shared database).</summary>
    protected virtual Task ClearAsync(string connectionString) => Task.CompletedTask;

    /// <summary>Runs SQL directly on the test database (to install a failure, or to look at rows).</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>SQL that makes writing a cursor whose state is 'boom' fail (a trigger).</summary>
    protected abstract string FailingCursorTriggerSql { get; }

    public async Task InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        _connectionString = await TestDatabaseAsync();
        _store = await OpenStoreAsync();
        await ClearAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        foreach (string directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    protected void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true and the database is unavailable: {reason}");
            }

            Skip.If(true, reason);
        }
    }

    protected string NewDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"lifeline-monstore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }

    /// <summary>Another store over the test database (a restart, or a second server).</summary>
    private protected async Task<IMonitoringStore> OpenStoreAsync()
    {
        var store = await MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { Provider = Provider, ConnectionString = _connectionString, DataDirectory = NewDirectory() },
            Clock,
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    protected static SensorSnapshot Poll(string node, DateTimeOffset time, params (string Name, double? Value)[] readings) =>
        new(node, time, [.. readings.Select(r => new SensorPoint(r.Name, TypeOf(r.Name), r.Value is null ? null : UnitOf(r.Name), r.Value,
            r.Value is null ? SensorStatus.Unavailable : SensorStatus.Ok))]);

    protected static SensorSnapshot Gap(string node, DateTimeOffset time, string reason = "timeout: the BMC did not answer") =>
        new(node, time, [], reason);

    private static string TypeOf(string name) => name.StartsWith("Fan", StringComparison.Ordinal) ? "Fan" : "Temperature";

    private static string UnitOf(string name) => name.StartsWith("Fan", StringComparison.Ordinal) ? "RPM" : "degrees C";

    protected static DateTimeOffset At(int minutes, int seconds = 0) => Start.AddMinutes(minutes).AddSeconds(seconds);

    protected static NewEvent Event(string node, string key, string message = "Memory correctable ECC", Severity severity = Severity.Warning,
        string source = EventSources.Sel, int minute = 0, string? sensor = "DIMM A1") =>
        new(node, At(minute), severity, source, message, sensor, key, "0100020000000000000000000000000" + "0", "memory-correctable");

    protected static Alert NewAlert(string fingerprint, string node = "n1", string rule = "fan-low", Severity severity = Severity.Warning) => new()
    {
        Fingerprint = fingerprint,
        Rule = rule,
        Node = node,
        Subject = "Fan3",
        Severity = severity,
        State = AlertState.Firing,
        Summary = "Fan3 below 1000 RPM",
        Evidence = """{"value":800}""",
        FirstSeen = Start,
        LastSeen = Start,
    };

    [SkippableFact]
    public async Task TheSchemaIsMigratedOnceAndReopeningKeepsItsVersion()
    {
        var first = (SqlMonitoringStore)Store;
        var again = (SqlMonitoringStore)await OpenStoreAsync();

        Assert.Equal(Enumerable.Range(1, MonitoringSchema.Latest), await first.SchemaVersionsAsync(default));
        Assert.Equal(Enumerable.Range(1, MonitoringSchema.Latest), await again.SchemaVersionsAsync(default));
    }

    [SkippableFact]
    public async Task ReopeningAfterDisposeKeepsEverythingAndNumbersNewSensorsAfterTheOldOnes()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 3000), ("CPU Temp", 40))], default);
        await Store.AppendEventsAsync([Event("n1", "k1")], new EventCursor("n1", EventSources.Sel, """{"last":1}""", At(0)), default);
        var alert = await Store.SaveAlertAsync(NewAlert("f1"), default);
        await Store.SaveRuleAsync(new AlertRule { Name = "fan-low", Kind = RuleKind.Threshold, Below = 1000 }, default);
        await Store.DisposeAsync();

        var reopened = await OpenStoreAsync();
        await reopened.WriteSamplesAsync([Poll("n1", At(1), ("Fan1", 3100), ("Fan2", 2900), ("CPU Temp", 41))], default);

        var series = await reopened.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(1), SeriesResolution.Raw), default);
        Assert.Equal(["Fan1", "CPU Temp", "Fan2"], series.Select(s => s.Sensor));
        Assert.Equal([3000.0, 3100.0], series[0].Points.Select(p => p.Avg!.Value));
        Assert.Equal([41.0], series[1].Points.Skip(1).Select(p => p.Avg!.Value));
        Assert.Equal([2900.0], series[2].Points.Select(p => p.Avg!.Value));
        Assert.Single(await reopened.QueryEventsAsync(new EventQuery(), default));
        Assert.Equal("""{"last":1}""", (await reopened.GetCursorAsync("n1", EventSources.Sel, default))!.State);
        Assert.Equal(alert.Id, (await reopened.FindOpenAlertAsync("f1", default))!.Id);
        Assert.Equal("fan-low", Assert.Single(await reopened.ListRulesAsync(default)).Name);
    }

    [SkippableFact]
    public async Task ConcurrentWritersOfSamplesEventsAndAlertsLoseNothing()
    {
        var store = Store;
        var tasks = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                await store.WriteSamplesAsync([Poll($"w{w}", At(i), ("Fan1", 1000 + i), ($"Temp{w}", 20 + i))], default);
                await store.AppendEventsAsync([Event($"w{w}", $"k{i}")], new EventCursor($"w{w}", EventSources.Sel, $"{i}", At(i)), default);
                await store.SaveAlertAsync(NewAlert($"w{w}-{i}", node: $"w{w}"), default);
            }
        })).ToList();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        var series = await store.ReadSeriesAsync(new SeriesQuery([.. Enumerable.Range(0, 8).Select(w => $"w{w}")], null, At(0), At(10), SeriesResolution.Raw), default);
        Assert.Equal(16, series.Count);
        Assert.All(series, s => Assert.Equal(10, s.Points.Count));
        Assert.Equal(80, (await store.QueryEventsAsync(new EventQuery(), default)).Count);
        Assert.Equal(80, (await store.QueryAlertsAsync(new AlertQuery(), default)).Count);
        for (int w = 0; w < 8; w++)
        {
            Assert.Equal("9", (await store.GetCursorAsync($"w{w}", EventSources.Sel, default))!.State);
        }
    }

    [SkippableFact]
    public async Task HostileInputIsRefusedWithAClearArgumentExceptionAndNothingIsWritten()
    {
        string huge = new('x', 100_000);
        var tooMany = new SensorSnapshot("n1", At(0), [.. Enumerable.Range(0, 5000).Select(i => new SensorPoint($"S{i}", "Fan", "RPM", i, SensorStatus.Ok))]);

        var longNode = await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteSamplesAsync([Poll("ok", At(0), ("Fan1", 1)), Poll(huge, At(0), ("Fan1", 1))], default));
        Assert.Contains("256", longNode.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteSamplesAsync([Poll("n1", At(0), (huge, 1))], default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteSamplesAsync([tooMany], default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteSamplesAsync([Poll("n\0ul", At(0), ("Fan1", 1))], default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendEventsAsync([Event("n1", "k", message: new string('m', 70_000))], null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendEventsAsync([Event("n1", new string('k', 2000))], null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendEventsAsync([Event("n1", "k", message: "bad \uD800 surrogate")], null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAlertAsync(NewAlert(huge), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveRuleAsync(new AlertRule { Name = huge }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryEventsAsync(new EventQuery { Text = huge }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadSeriesAsync(new SeriesQuery([huge], null, At(0), At(1)), default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryEventsAsync(new EventQuery { Limit = 0 }, default));

        Assert.Empty(await Store.ReadSeriesAsync(new SeriesQuery(["ok", "n1"], null, At(-1), At(1), SeriesResolution.Raw), default));
        Assert.Empty(await Store.QueryEventsAsync(new EventQuery(), default));
        Assert.Empty(await Store.QueryAlertsAsync(new AlertQuery { States = [AlertState.Firing, AlertState.Acknowledged, AlertState.Resolved] }, default));
    }

    [SkippableFact]
    public async Task AVeryLongGapReasonOrDeliveryErrorIsCutNotRefused()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1)), Gap("n1", At(1), new string('e', 50_000))], default);
        var alert = await Store.SaveAlertAsync(NewAlert("f"), [("webhook", AlertTransition.Firing, "{}")], Start, default);
        var queued = Assert.Single(await Store.ListNotificationsAsync(null, 10, default));

        await Store.MarkFailedAsync(queued.Id, new string('e', 50_000), At(1), expire: false, default);

        var series = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(1), SeriesResolution.Raw), default));
        Assert.Equal(0, series.Points[1].Count);
        Assert.Equal(SqlMonitoringStore.MaxErrorLength, (await Store.ListNotificationsAsync(null, 10, default))[0].LastError!.Length);
        Assert.Equal(alert.Id, queued.AlertId);
    }
}

using System.Data.Common;
using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    /// <summary>The 5-minute tier's bucket length.</summary>
    public static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(5);

    /// <summary>The most points one series query returns; a bigger one must narrow its nodes, sensors or range.</summary>
    public const long MaxSeriesPoints = 5_000_000;

    /// <summary><c>mon_state</c> key: the start of the first bucket the rollup has not done yet.</summary>
    private const string RollupNextKey = "rollup_next";

    private static long BucketTicks => BucketLength.Ticks;

    private static long BucketOf(long ticks) => ticks - (((ticks % BucketTicks) + BucketTicks) % BucketTicks);

    /// <summary>
    /// Both ends inclusive. Series are ordered by node name (ordinal), then by the sensor's position in the BMC's
    /// listing; a series appears only when it has a point in the range.
    /// </summary>
    public async Task<IReadOnlyList<SensorSeries>> ReadSeriesAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Nodes, "query nodes");
        if (query.To < query.From)
        {
            throw new ArgumentException($"the series range ends ({query.To:O}) before it starts ({query.From:O}); swap them", nameof(query));
        }

        foreach (string node in query.Nodes)
        {
            StoreText.Require(node, "node name", StoreText.NameLength);
        }

        StoreText.Optional(query.Sensor, "sensor filter", StoreText.NameLength);
        if (query.Nodes.Count == 0)
        {
            return [];
        }

        var resolution = query.Resolution switch
        {
            SeriesResolution.Auto => query.From >= Time.GetUtcNow() - Options.Retention.Raw ? SeriesResolution.Raw : SeriesResolution.FiveMinutes,
            var r => r,
        };
        bool raw = resolution == SeriesResolution.Raw;
        long from = raw ? query.From.UtcTicks : BucketOf(query.From.UtcTicks);
        long to = query.To.UtcTicks;

        return await ReadAsync<IReadOnlyList<SensorSeries>>(async (connection, transaction) =>
        {
            var names = query.Nodes.Distinct(StringComparer.Ordinal).ToArray();
            var nodeNames = new Dictionary<int, string>();
            var selected = new Dictionary<int, Dictionary<int, CatalogSensor>>();
            foreach (var chunk in names.Chunk(RowsPerStatement))
            {
                var nodes = await connection.QueryAsync<(string, long)>(Command(
                    $"SELECT name, id FROM mon_nodes WHERE {InList("name", "@names")}", new { names = chunk }, transaction, cancellationToken)).ConfigureAwait(false);
                foreach (var (name, id) in nodes)
                {
                    nodeNames[(int)id] = name;
                }
            }

            foreach (var chunk in nodeNames.Keys.Chunk(RowsPerStatement))
            {
                foreach (var sensor in await QuerySensorsAsync(connection, transaction, $"WHERE {InList("node_id", "@ids")}", new { ids = chunk }, cancellationToken)
                    .ConfigureAwait(false))
                {
                    if (Matches(sensor, query.Sensor))
                    {
                        if (!selected.TryGetValue(sensor.NodeId, out var sensors))
                        {
                            selected[sensor.NodeId] = sensors = [];
                        }

                        sensors[sensor.Index] = sensor;
                    }
                }
            }

            var points = new Dictionary<(int Node, int Index), List<SeriesPoint>>();
            long total = 0;
            foreach (var chunk in selected.Keys.Chunk(RowsPerStatement))
            {
                string sql = raw
                    ? $"SELECT node_id, time, gap, data FROM mon_samples WHERE {InList("node_id", "@ids")} AND time >= @from AND time <= @to ORDER BY node_id, time"
                    : $"SELECT node_id, bucket, gaps, data FROM mon_rollups WHERE {InList("node_id", "@ids")} AND bucket >= @from AND bucket <= @to ORDER BY node_id, bucket";
                var reader = await connection.ExecuteReaderAsync(Command(sql, new { ids = chunk, from, to }, transaction, cancellationToken)).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        int nodeId = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                        var time = FromTicks(reader.GetInt64(1));
                        bool gap = raw ? !reader.IsDBNull(2) : reader.GetInt64(2) > 0;
                        byte[]? data = reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3);
                        total += AddPoints(points, selected[nodeId], nodeId, time, gap, data, raw);
                        if (total > MaxSeriesPoints)
                        {
                            throw new ArgumentException(
                                $"the series query covers more than {MaxSeriesPoints} points; ask for fewer nodes or sensors, a shorter range, or the 5-minute tier",
                                nameof(query));
                        }
                    }
                }
            }

            return [.. points
                .Select(p => (Sensor: selected[p.Key.Node][p.Key.Index], Points: p.Value))
                .OrderBy(s => nodeNames[s.Sensor.NodeId], StringComparer.Ordinal)
                .ThenBy(s => s.Sensor.Index)
                .Select(s => new SensorSeries(nodeNames[s.Sensor.NodeId], s.Sensor.Name, s.Sensor.Type, s.Sensor.Unit, resolution, s.Points))];
        }, cancellationToken).ConfigureAwait(false);
    }

    private static bool Matches(CatalogSensor sensor, string? filter) =>
        filter is null
        || sensor.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(sensor.Type, filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds one row's points to the series of its node's selected sensors; returns how many.</summary>
    private static int AddPoints(
        Dictionary<(int Node, int Index), List<SeriesPoint>> points,
        Dictionary<int, CatalogSensor> sensors,
        int nodeId,
        DateTimeOffset time,
        bool gap,
        byte[]? data,
        bool raw)
    {
        int added = 0;
        var covered = new HashSet<int>();
        if (data is not null)
        {
            if (raw)
            {
                foreach (var reading in SampleCodec.DecodePoll(data))
                {
                    if (sensors.ContainsKey(reading.Index) && covered.Add(reading.Index))
                    {
                        double? value = float.IsNaN(reading.Value) ? null : reading.Value;
                        Series(points, nodeId, reading.Index).Add(new SeriesPoint(time, value, value, value, 1));
                        added++;
                    }
                }
            }
            else
            {
                foreach (var aggregate in SampleCodec.DecodeRollup(data))
                {
                    if (sensors.ContainsKey(aggregate.Index) && covered.Add(aggregate.Index))
                    {
                        Series(points, nodeId, aggregate.Index).Add(new SeriesPoint(
                            time, NullIfNaN(aggregate.Min), NullIfNaN(aggregate.Avg), NullIfNaN(aggregate.Max), aggregate.Count));
                        added++;
                    }
                }
            }
        }

        if (gap)
        {
            // A poll that failed (or a bucket with failed polls and no reading of this sensor): a Count-0 point.
            foreach (int index in sensors.Keys)
            {
                if (!covered.Contains(index))
                {
                    Series(points, nodeId, index).Add(new SeriesPoint(time, null, null, null, 0));
                    added++;
                }
            }
        }

        return added;
    }

    private static double? NullIfNaN(float value) => float.IsNaN(value) ? null : value;

    private static List<SeriesPoint> Series(Dictionary<(int Node, int Index), List<SeriesPoint>> points, int nodeId, int index)
    {
        if (!points.TryGetValue((nodeId, index), out var list))
        {
            points[(nodeId, index)] = list = [];
        }

        return list;
    }

    /// <summary>
    /// Rolls up bucket after bucket, each in its own transaction together with the watermark (<c>mon_state</c>), so a
    /// crash repeats nothing and loses nothing. Buckets without any raw row are skipped. Samples written for a bucket
    /// after it was rolled up stay in the raw tier only: call this with <paramref name="upTo"/> a little behind the
    /// collectors (e.g. now − 1 minute).
    /// </summary>
    public async Task<int> RollUpAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        long limit = BucketOf(upTo.UtcTicks); // buckets starting before this one have ended by upTo
        int written = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more = await WriteAsync(async (connection, transaction) =>
            {
                long? watermark = await connection.ExecuteScalarAsync<long?>(Command(
                    "SELECT value FROM mon_state WHERE key = @key", new { key = RollupNextKey }, transaction, cancellationToken)).ConfigureAwait(false);
                long? first = await connection.ExecuteScalarAsync<long?>(Command(
                    "SELECT MIN(time) FROM mon_samples WHERE time >= @from", new { from = watermark ?? long.MinValue }, transaction, cancellationToken))
                    .ConfigureAwait(false);
                if (first is null || BucketOf(first.Value) >= limit)
                {
                    if (watermark is null || watermark < limit)
                    {
                        await SetStateAsync(connection, transaction, RollupNextKey, limit, cancellationToken).ConfigureAwait(false);
                    }

                    return false;
                }

                long bucket = BucketOf(first.Value);
                var rows = await RollUpBucketAsync(connection, transaction, bucket, cancellationToken).ConfigureAwait(false);
                await InsertRollupsAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
                await SetStateAsync(connection, transaction, RollupNextKey, bucket + BucketTicks, cancellationToken).ConfigureAwait(false);
                return true;
            }, durable: false, cancellationToken).ConfigureAwait(false);
            if (!more)
            {
                break;
            }

            written++;
        }

        MonitoringStoreLog.RolledUp(Logger, written, upTo);
        return written;
    }

    /// <summary>The 5-minute rows of one bucket, from its raw rows (every node).</summary>
    private async Task<List<SampleRow>> RollUpBucketAsync(DbConnection connection, DbTransaction transaction, long bucket, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<int, (int Gaps, SortedDictionary<int, Aggregate> Sensors)>();
        var reader = await connection.ExecuteReaderAsync(Command(
            "SELECT node_id, gap, data FROM mon_samples WHERE time >= @from AND time < @to",
            new { from = bucket, to = bucket + BucketTicks }, transaction, cancellationToken)).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                int nodeId = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                if (!nodes.TryGetValue(nodeId, out var node))
                {
                    node = (0, new SortedDictionary<int, Aggregate>());
                }

                if (!reader.IsDBNull(1))
                {
                    node.Gaps++;
                }

                if (!reader.IsDBNull(2))
                {
                    foreach (var reading in SampleCodec.DecodePoll((byte[])reader.GetValue(2)))
                    {
                        if (!node.Sensors.TryGetValue(reading.Index, out var aggregate))
                        {
                            node.Sensors[reading.Index] = aggregate = new Aggregate();
                        }

                        aggregate.Add(reading.Value);
                    }
                }

                nodes[nodeId] = node;
            }
        }

        return [.. nodes.Select(n => new SampleRow(
            n.Key,
            bucket,
            null,
            n.Value.Gaps,
            n.Value.Sensors.Count == 0 ? null : SampleCodec.EncodeRollup([.. n.Value.Sensors.Select(s => s.Value.ToEncoded(s.Key))])))];
    }

    private static Task SetStateAsync(DbConnection connection, DbTransaction transaction, string key, long value, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO mon_state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, transaction, cancellationToken));

    /// <summary>
    /// Deletes in slices of at most an hour of history per transaction, so collectors' writes interleave with a big
    /// prune. Raw samples are kept until the rollup has covered them.
    /// </summary>
    public async Task<long> PruneAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        long nowTicks = now.UtcTicks;
        long rawCut = nowTicks - policy.Raw.Ticks;
        long? watermark = await ReadAsync((connection, transaction) => connection.ExecuteScalarAsync<long?>(Command(
            "SELECT value FROM mon_state WHERE key = @key", new { key = RollupNextKey }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        if (watermark is { } w)
        {
            rawCut = Math.Min(rawCut, w);
        }

        long deleted = 0;
        deleted += await DeleteInSlicesAsync("mon_samples", "time", rawCut, cancellationToken).ConfigureAwait(false);
        deleted += await DeleteInSlicesAsync("mon_rollups", "bucket", nowTicks - policy.FiveMinutes.Ticks, cancellationToken).ConfigureAwait(false);
        deleted += await WriteAsync(async (connection, transaction) =>
        {
            long rows = await connection.ExecuteAsync(Command(
                "DELETE FROM mon_events WHERE time < @cut", new { cut = nowTicks - policy.Events.Ticks }, transaction, cancellationToken)).ConfigureAwait(false);
            rows += await connection.ExecuteAsync(Command(
                "DELETE FROM mon_alerts WHERE state = @resolved AND resolved_at < @cut",
                new { resolved = (int)AlertState.Resolved, cut = nowTicks - policy.ResolvedAlerts.Ticks }, transaction, cancellationToken)).ConfigureAwait(false);
            rows += await connection.ExecuteAsync(Command(
                "DELETE FROM mon_outbox WHERE state = @delivered AND delivered_at < @cut",
                new { delivered = (int)DeliveryState.Delivered, cut = nowTicks - policy.DeliveredNotifications.Ticks }, transaction, cancellationToken))
                .ConfigureAwait(false);
            rows += await connection.ExecuteAsync(Command(
                "DELETE FROM mon_outbox WHERE state = @expired AND created_at < @cut",
                new { expired = (int)DeliveryState.Expired, cut = nowTicks - policy.ResolvedAlerts.Ticks }, transaction, cancellationToken))
                .ConfigureAwait(false);
            return rows;
        }, durable: true, cancellationToken).ConfigureAwait(false);
        MonitoringStoreLog.Pruned(Logger, deleted);
        return deleted;
    }

    /// <summary>
    /// Deletes rows older than <paramref name="cut"/> an hour of history at a time, starting where the last prune of
    /// the table stopped (kept in <c>mon_state</c>, so no scan for the oldest row is needed after the first prune).
    /// </summary>
    private async Task<long> DeleteInSlicesAsync(string table, string column, long cut, CancellationToken cancellationToken)
    {
        string key = "pruned_" + table;
        long? start = await ReadAsync(async (connection, transaction) =>
            await connection.ExecuteScalarAsync<long?>(Command("SELECT value FROM mon_state WHERE key = @key", new { key }, transaction, cancellationToken))
                .ConfigureAwait(false)
            ?? await connection.ExecuteScalarAsync<long?>(Command($"SELECT MIN({column}) FROM {table}", null, transaction, cancellationToken))
                .ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (start is null || start.Value >= cut)
        {
            return 0;
        }

        long deleted = 0;
        for (long sliceEnd = Math.Min(cut, start.Value + TimeSpan.TicksPerHour); ; sliceEnd = Math.Min(cut, sliceEnd + TimeSpan.TicksPerHour))
        {
            long end = sliceEnd;
            deleted += await WriteAsync(async (connection, transaction) =>
            {
                int rows = await connection.ExecuteAsync(Command(
                    $"DELETE FROM {table} WHERE {column} < @cut", new { cut = end }, transaction, cancellationToken)).ConfigureAwait(false);
                await SetStateAsync(connection, transaction, key, end, cancellationToken).ConfigureAwait(false);
                return rows;
            }, durable: false, cancellationToken).ConfigureAwait(false);
            if (end >= cut)
            {
                return deleted;
            }
        }
    }

    /// <summary>Min, sum, max and counts of one sensor over one bucket.</summary>
    private sealed class Aggregate
    {
        private float _min = float.NaN;
        private float _max = float.NaN;
        private double _sum;
        private int _values;
        private int _samples;

        public void Add(float value)
        {
            _samples++;
            if (float.IsNaN(value))
            {
                return;
            }

            _min = _values == 0 ? value : Math.Min(_min, value);
            _max = _values == 0 ? value : Math.Max(_max, value);
            _sum += value;
            _values++;
        }

        public EncodedAggregate ToEncoded(int index) =>
            new(index, _min, _values == 0 ? float.NaN : (float)(_sum / _values), _max, _samples);
    }
}

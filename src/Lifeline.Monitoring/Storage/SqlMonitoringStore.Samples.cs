using System.Data.Common;
using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    /// <summary>The most sensors one poll may carry.</summary>
    public const int MaxSensorsPerPoll = 4096;

    /// <summary>The longest gap reason kept (longer ones are cut: a driver's error text must not lose the gap).</summary>
    public const int MaxGapLength = 1024;

    private readonly SensorCatalog _catalog = new();
    private readonly SemaphoreSlim _catalogTurn = new(1, 1);

    public async Task WriteSamplesAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return;
        }

        foreach (var snapshot in snapshots)
        {
            ValidateSnapshot(snapshot);
        }

        var rows = await EncodeAsync(snapshots, cancellationToken).ConfigureAwait(false);
        await WriteAsync(async (connection, transaction) =>
        {
            await InsertSamplesAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            return 0;
        }, durable: false, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateSnapshot(SensorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot, "snapshot");
        StoreText.Require(snapshot.Node, "node name", StoreText.NameLength);
        if (snapshot.IsGap)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(snapshot.Sensors, "snapshot sensors");
        if (snapshot.Sensors.Count > MaxSensorsPerPoll)
        {
            throw new ArgumentException(
                $"the poll of {snapshot.Node} has {snapshot.Sensors.Count} sensors; at most {MaxSensorsPerPoll} are stored per poll", "snapshot");
        }

        foreach (var point in snapshot.Sensors)
        {
            ArgumentNullException.ThrowIfNull(point, "sensor point");
            StoreText.Require(point.Sensor, "sensor name", StoreText.NameLength);
            StoreText.Optional(point.Type, "sensor type", StoreText.ShortLength);
            StoreText.Optional(point.Unit, "sensor unit", StoreText.ShortLength);
        }
    }

    /// <summary>Makes sure every node and sensor has its number, then encodes each snapshot as one row.</summary>
    private async Task<SampleRow[]> EncodeAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken)
    {
        await _catalogTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureCatalogAsync(snapshots, cancellationToken).ConfigureAwait(false);
            var rows = new SampleRow[snapshots.Count];
            var readings = new List<EncodedReading>();
            var seen = new HashSet<int>();
            for (int i = 0; i < snapshots.Count; i++)
            {
                var snapshot = snapshots[i];
                _catalog.TryGetNode(snapshot.Node, out int nodeId);
                long time = snapshot.Time.UtcTicks;
                if (snapshot.IsGap)
                {
                    rows[i] = new SampleRow(nodeId, time, StoreText.Truncate(snapshot.Gap!, MaxGapLength), 1, null);
                    continue;
                }

                readings.Clear();
                seen.Clear();
                foreach (var point in snapshot.Sensors)
                {
                    var sensor = _catalog.Sensor(nodeId, point.Sensor)!;
                    if (!seen.Add(sensor.Index))
                    {
                        MonitoringStoreLog.DuplicateSensor(Logger, snapshot.Node, point.Sensor);
                        continue;
                    }

                    readings.Add(new EncodedReading(sensor.Index, point.Value is { } v ? (float)v : float.NaN, point.Status));
                }

                rows[i] = new SampleRow(nodeId, time, null, 0, SampleCodec.EncodePoll(readings));
            }

            return rows;
        }
        finally
        {
            _catalogTurn.Release();
        }
    }

    /// <summary>Adds the nodes and sensors the catalog lacks (and updates changed types and units), then caches them.</summary>
    private async Task EnsureCatalogAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken)
    {
        if (!_catalog.Loaded)
        {
            await LoadCatalogAsync(cancellationToken).ConfigureAwait(false);
        }

        var missingNodes = snapshots.Select(s => s.Node).Where(n => !_catalog.TryGetNode(n, out _)).Distinct(StringComparer.Ordinal).ToList();
        if (missingNodes.Count > 0)
        {
            var added = await WriteAsync(async (connection, transaction) =>
            {
                await InsertNodesAsync(connection, transaction, missingNodes, cancellationToken).ConfigureAwait(false);
                var ids = new List<(string Name, int Id)>();
                foreach (var chunk in missingNodes.Chunk(RowsPerStatement))
                {
                    ids.AddRange((await connection.QueryAsync<(string, long)>(Command(
                        $"SELECT name, id FROM mon_nodes WHERE {InList("name", "@names")}", new { names = chunk }, transaction, cancellationToken))
                        .ConfigureAwait(false)).Select(r => (r.Item1, (int)r.Item2)));
                }

                return ids;
            }, durable: false, cancellationToken).ConfigureAwait(false);
            foreach (var (name, id) in added)
            {
                _catalog.AddNode(name, id);
            }
        }

        for (int attempt = 0; ; attempt++)
        {
            var inserts = new List<CatalogSensor>();
            var updates = new List<CatalogSensor>();
            var pending = new Dictionary<(int, string), CatalogSensor>();
            var next = new Dictionary<int, int>();
            foreach (var snapshot in snapshots.Where(s => !s.IsGap))
            {
                _catalog.TryGetNode(snapshot.Node, out int nodeId);
                foreach (var point in snapshot.Sensors)
                {
                    string type = point.Type ?? "";
                    var known = _catalog.Sensor(nodeId, point.Sensor);
                    if (known is null)
                    {
                        if (!pending.ContainsKey((nodeId, point.Sensor)))
                        {
                            int index = next.TryGetValue(nodeId, out int n) ? n : _catalog.NextIndex(nodeId);
                            if (index >= SampleCodec.MaxSensors)
                            {
                                throw new ArgumentException(
                                    $"node {snapshot.Node} has reported {SampleCodec.MaxSensors} different sensor names; no more can be numbered", "snapshot");
                            }

                            next[nodeId] = index + 1;
                            var sensor = new CatalogSensor(nodeId, index, point.Sensor, type, point.Unit);
                            pending[(nodeId, point.Sensor)] = sensor;
                            inserts.Add(sensor);
                        }
                    }
                    else if (known.Type != type || known.Unit != point.Unit)
                    {
                        updates.Add(known with { Type = type, Unit = point.Unit });
                    }
                }
            }

            if (inserts.Count == 0 && updates.Count == 0)
            {
                return;
            }

            var nodes = inserts.Select(s => s.NodeId).Distinct().ToArray();
            var stored = await WriteAsync(async (connection, transaction) =>
            {
                await InsertSensorsAsync(connection, transaction, inserts, cancellationToken).ConfigureAwait(false);
                if (updates.Count > 0)
                {
                    await connection.ExecuteAsync(Command(
                        "UPDATE mon_sensors SET type = @Type, unit = @Unit WHERE node_id = @NodeId AND idx = @Index",
                        updates, transaction, cancellationToken)).ConfigureAwait(false);
                }

                var rows = new List<CatalogSensor>();
                foreach (var chunk in nodes.Chunk(RowsPerStatement))
                {
                    rows.AddRange(await QuerySensorsAsync(connection, transaction, $"WHERE {InList("node_id", "@ids")}", new { ids = chunk }, cancellationToken)
                        .ConfigureAwait(false));
                }

                return rows;
            }, durable: false, cancellationToken).ConfigureAwait(false);
            foreach (var group in stored.GroupBy(s => s.NodeId))
            {
                _catalog.ReplaceSensors(group.Key, group);
            }

            foreach (var update in updates)
            {
                _catalog.SetSensor(update);
            }

            if (inserts.TrueForAll(s => _catalog.Sensor(s.NodeId, s.Name) is not null))
            {
                return;
            }

            // Another server numbered a sensor of the same node at the same time: go again with the numbers now taken.
            if (attempt >= 10)
            {
                throw new InvalidOperationException("could not number new sensors after 10 attempts; other servers keep adding sensors to the same nodes");
            }
        }
    }

    private async Task LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var (nodes, sensors) = await ReadAsync(async (connection, transaction) =>
        {
            var nodeRows = await connection.QueryAsync<(string, long)>(Command("SELECT name, id FROM mon_nodes", null, transaction, cancellationToken))
                .ConfigureAwait(false);
            var sensorRows = await QuerySensorsAsync(connection, transaction, "", null, cancellationToken).ConfigureAwait(false);
            return (nodeRows.ToList(), sensorRows);
        }, cancellationToken).ConfigureAwait(false);
        _catalog.Clear();
        foreach (var (name, id) in nodes)
        {
            _catalog.AddNode(name, (int)id);
        }

        foreach (var group in sensors.GroupBy(s => s.NodeId))
        {
            _catalog.ReplaceSensors(group.Key, group);
        }

        _catalog.Loaded = true;
    }

    private protected static async Task<List<CatalogSensor>> QuerySensorsAsync(
        DbConnection connection, DbTransaction transaction, string where, object? parameters, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(long, long, string, string, string?)>(Command(
            $"SELECT node_id, idx, name, type, unit FROM mon_sensors {where}", parameters, transaction, cancellationToken)).ConfigureAwait(false))
            .Select(r => new CatalogSensor((int)r.Item1, (int)r.Item2, r.Item3, r.Item4, r.Item5))];

    /// <summary>Adds node names (skipping known ones). One statement per row; PostgreSQL sends one array statement.</summary>
    protected virtual Task InsertNodesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO mon_nodes (name) VALUES (@name) ON CONFLICT DO NOTHING",
            names.Select(n => new { name = n }), transaction, cancellationToken));

    /// <summary>Adds sensors (skipping any whose name or number is taken).</summary>
    protected virtual Task InsertSensorsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CatalogSensor> sensors, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO mon_sensors (node_id, idx, name, type, unit) VALUES (@NodeId, @Index, @Name, @Type, @Unit) ON CONFLICT DO NOTHING",
            sensors, transaction, cancellationToken));
}

namespace Lifeline.Monitoring.Storage;

/// <summary>A sensor of a node as the catalog knows it: its number within the node (the blobs' index), name, type, unit.</summary>
internal sealed record CatalogSensor(int NodeId, int Index, string Name, string Type, string? Unit);

/// <summary>
/// This process's copy of <c>mon_nodes</c> and <c>mon_sensors</c>, so that writing a poll needs no lookups. It only
/// ever holds rows that are committed; another server's additions are read when a name is missing.
/// </summary>
internal sealed class SensorCatalog
{
    private readonly Dictionary<string, int> _nodeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Dictionary<string, CatalogSensor>> _sensors = [];

    public bool Loaded { get; set; }

    public bool TryGetNode(string name, out int id) => _nodeIds.TryGetValue(name, out id);

    public void AddNode(string name, int id) => _nodeIds[name] = id;

    public CatalogSensor? Sensor(int nodeId, string name) =>
        _sensors.TryGetValue(nodeId, out var sensors) && sensors.TryGetValue(name, out var sensor) ? sensor : null;

    /// <summary>The next free index of a node (one past the highest known).</summary>
    public int NextIndex(int nodeId) =>
        _sensors.TryGetValue(nodeId, out var sensors) && sensors.Count > 0 ? sensors.Values.Max(s => s.Index) + 1 : 0;

    public void SetSensor(CatalogSensor sensor)
    {
        if (!_sensors.TryGetValue(sensor.NodeId, out var sensors))
        {
            _sensors[sensor.NodeId] = sensors = new Dictionary<string, CatalogSensor>(StringComparer.Ordinal);
        }

        sensors[sensor.Name] = sensor;
    }

    /// <summary>Replaces what is known of a node's sensors with what the database holds.</summary>
    public void ReplaceSensors(int nodeId, IEnumerable<CatalogSensor> sensors)
    {
        _sensors[nodeId] = sensors.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public void Clear()
    {
        _nodeIds.Clear();
        _sensors.Clear();
        Loaded = false;
    }
}

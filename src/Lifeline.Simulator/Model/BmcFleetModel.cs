using System.Collections.ObjectModel;
using System.Globalization;

namespace Lifeline.Simulator.Model;

/// <summary>How to build a fleet: count, seed, credentials, shared options, and per-node overrides.</summary>
public sealed record BmcFleetOptions
{
    public int Count { get; init; } = 1;

    public int Seed { get; init; }

    /// <summary>Options for every node (its credentials are replaced by <see cref="UserName"/>/<see cref="Password"/>
    /// when those are set).</summary>
    public BmcOptions Defaults { get; init; } = BmcOptions.Default;

    /// <summary>The administrator's name on every node, when set.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Host names are the prefix and the 1-based node number, zero-padded to at least 3 digits.</summary>
    public string NamePrefix { get; init; } = "node";

    /// <summary>
    /// Per-node options: return a different instance for the nodes that differ (e.g. <c>i % 100 == 7 ?
    /// d with { Faults = d.Faults.WithCipherSuiteZero() } : d</c>). Return the defaults unchanged for the rest:
    /// nodes whose options are the same instance share their immutable parts.
    /// </summary>
    public Func<int, BmcOptions, BmcOptions>? Override { get; init; }

    public override string ToString() =>
        $"BmcFleetOptions {{ Count = {Count}, Seed = {Seed}, UserName = {UserName ?? Defaults.AdminName} }}";
}

/// <summary>
/// N simulated nodes sharing one <see cref="TimeProvider"/>. Building 10,000 takes a few milliseconds: each
/// node holds only its mutable state, and nodes with the same options share sensor table, users and identity.
/// </summary>
public sealed class BmcFleetModel
{
    private readonly BmcModel[] _nodes;
    private readonly Dictionary<string, BmcModel> _byName;

    public BmcFleetModel(BmcFleetOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        Options = options;
        TimeProvider = timeProvider;

        var defaults = options.Defaults;
        if (options.UserName is not null || options.Password is not null)
        {
            defaults = defaults with
            {
                AdminName = options.UserName ?? defaults.AdminName,
                AdminPassword = options.Password ?? defaults.AdminPassword,
            };
        }
        var shared = new Dictionary<BmcOptions, BmcSharedDefaults>(ReferenceEqualityComparer.Instance)
        {
            [defaults] = BmcSharedDefaults.Create(defaults),
        };
        int digits = Math.Max(3, options.Count.ToString(CultureInfo.InvariantCulture).Length);
        _nodes = new BmcModel[options.Count];
        _byName = new Dictionary<string, BmcModel>(options.Count, StringComparer.Ordinal);
        for (int i = 0; i < _nodes.Length; i++)
        {
            var nodeOptions = options.Override?.Invoke(i, defaults) ?? defaults;
            if (!shared.TryGetValue(nodeOptions, out var nodeShared))
            {
                nodeShared = BmcSharedDefaults.Create(nodeOptions);
                shared[nodeOptions] = nodeShared;
            }
            var node = new BmcModel(i, NodeName(options.NamePrefix, i, digits), options.Seed, nodeShared, timeProvider);
            _nodes[i] = node;
            _byName[node.Name] = node;
        }
        Nodes = new ReadOnlyCollection<BmcModel>(_nodes);
    }

    public BmcFleetOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public IReadOnlyList<BmcModel> Nodes { get; }

    public int Count => _nodes.Length;

    public BmcModel this[int index] => _nodes[index];

    public BmcModel? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>"node001" for index 0 with 3 digits.</summary>
    public static string NodeName(string prefix, int index, int digits) =>
        prefix + (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
}

using System.Globalization;
using Lifeline.Cli.Targets;
using Lifeline.Simulator.Model;

namespace Lifeline.Cli.Commands;

/// <summary>
/// One <c>lifeline sim --scenario NAME:NODERANGE[:key=value,...]</c>: a degradation applied to some nodes when the
/// fleet starts. Nodes are named by number with the sim's prefixes (<c>sim0001</c> as in <c>--fleet-inventory</c>,
/// <c>node001</c>, <c>node1</c>), a range (<c>sim[0001-0004]</c>, <c>node[1-3,7]</c>) or <c>all</c>.
/// </summary>
/// <param name="Name">One of <see cref="Names"/>.</param>
/// <param name="Nodes">1-based node numbers.</param>
/// <param name="Options">The key=value options, with defaults filled in (numbers as text).</param>
public sealed record SimScenario(string Name, IReadOnlyList<int> Nodes, IReadOnlyDictionary<string, string> Options)
{
    // name → its keys with their defaults (null: required, no default)
    private static readonly Dictionary<string, (string Key, string? Default)[]> Known = new(StringComparer.Ordinal)
    {
        ["fan-degrade"] = [("fan", "3"), ("rate", "120")],
        ["dimm-degrade"] = [("dimm", "0"), ("rate", "1"), ("growth", "2"), ("uncorrectable-after", "")],
        ["sensor-stuck"] = [("sensor", "CPU1 Temp")],
        ["psu-fail"] = [("psu", "1")],
        ["packet-loss"] = [("percent", "30")],
        ["sel-flood"] = [("per-minute", "60")],
    };

    /// <summary>The scenario names <c>--scenario</c> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Parses one <c>--scenario</c> value for a fleet of <paramref name="nodeCount"/> nodes.</summary>
    /// <exception cref="UsageException">Unknown scenario or key, bad value, or nodes outside the fleet; the message says what is accepted.</exception>
    public static SimScenario Parse(string spec, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':', 3);
        string name = parts[0].Trim().ToLowerInvariant();
        if (!Known.TryGetValue(name, out var keys))
        {
            throw new UsageException($"--scenario {spec}: unknown scenario '{parts[0]}'; expected one of {string.Join(", ", Names)}");
        }
        if (parts.Length < 2 || string.IsNullOrWhiteSpace(parts[1]))
        {
            throw new UsageException($"--scenario {spec}: say which nodes, e.g. {name}:sim[0001-0002] or {name}:all");
        }
        var nodes = ParseNodes(spec, parts[1].Trim(), nodeCount);
        var options = keys.ToDictionary(k => k.Key, k => k.Default ?? "", StringComparer.Ordinal);
        if (parts.Length == 3 && !string.IsNullOrWhiteSpace(parts[2]))
        {
            foreach (var pair in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                string key = (eq < 0 ? pair : pair[..eq]).Trim().ToLowerInvariant();
                if (!options.ContainsKey(key))
                {
                    throw new UsageException($"--scenario {spec}: {name} has no option '{key}'; it takes {string.Join(", ", keys.Select(k => k.Key + "=…"))}");
                }
                if (eq < 0 || eq == pair.Length - 1)
                {
                    throw new UsageException($"--scenario {spec}: give a value, as in {key}={options[key]}");
                }
                options[key] = pair[(eq + 1)..].Trim();
            }
        }
        var scenario = new SimScenario(name, nodes, options);
        scenario.Check(spec);
        return scenario;
    }

    /// <summary>Starts the scenario on one node's model.</summary>
    public void Apply(BmcModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (Name)
        {
            case "fan-degrade":
                model.DegradeFan(Int("fan"), Number("rate"));
                break;
            case "dimm-degrade":
                model.DegradeDimm(Int("dimm"), Number("rate"), Number("growth"),
                    Options["uncorrectable-after"] is { Length: > 0 } ? TimeSpan.FromHours(Number("uncorrectable-after")) : null);
                break;
            case "sensor-stuck":
                model.StickSensor(FindSensor(model.Sensors, Options["sensor"])!.Number);
                break;
            case "psu-fail":
                model.FailPowerSupply(Int("psu"));
                break;
            case "packet-loss":
                model.Faults = model.Faults with { PacketLossPercent = Number("percent") };
                break;
            case "sel-flood":
                model.FloodSel(Number("per-minute"));
                break;
        }
    }

    /// <summary>One line for the startup banner.</summary>
    public string Describe() => Name switch
    {
        "fan-degrade" => $"fan {Options["fan"]} loses {Options["rate"]} RPM a minute",
        "dimm-degrade" => $"DIMM {Options["dimm"]} logs correctable ECC at {Options["rate"]}/h growing by {Options["growth"]}/h each hour"
            + (Options["uncorrectable-after"] is { Length: > 0 } u ? $", one uncorrectable after {u} h" : ""),
        "sensor-stuck" => $"sensor '{Options["sensor"]}' freezes",
        "psu-fail" => $"power supply {Options["psu"]} fails (redundancy lost)",
        "packet-loss" => $"{Options["percent"]} % of IPMI datagrams dropped",
        _ => $"{Options["per-minute"]} SEL events a minute",
    } + $" on {Nodes.Count} node{(Nodes.Count == 1 ? "" : "s")}";

    private void Check(string spec)
    {
        (string Key, double Min, double Max)[] ranges = Name switch
        {
            "fan-degrade" => [("fan", 1, SensorNumbers.FanCount), ("rate", 0, 1_000_000)],
            "dimm-degrade" => [("dimm", 0, SensorNumbers.DimmCount - 1), ("rate", 0, 1_000_000), ("growth", 0, 1_000_000), ("uncorrectable-after", 0, 1_000_000)],
            "psu-fail" => [("psu", 1, SensorNumbers.PsuCount)],
            "packet-loss" => [("percent", 0, 100)],
            "sel-flood" => [("per-minute", 0, 60_000)],
            _ => [],
        };
        foreach (var (key, min, max) in ranges)
        {
            if (Options[key].Length == 0 && key == "uncorrectable-after")
            {
                continue;
            }
            if (!double.TryParse(Options[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= min && v <= max)
                || (key is "fan" or "dimm" or "psu" && v != Math.Floor(v)))
            {
                throw new UsageException($"--scenario {spec}: {key}={Options[key]} is not a {(key is "fan" or "dimm" or "psu" ? "whole " : "")}number from {min} to {max}");
            }
        }
        if (Name == "sensor-stuck" && FindSensor(SensorTable.Default, Options["sensor"]) is null)
        {
            throw new UsageException($"--scenario {spec}: no threshold sensor '{Options["sensor"]}'; expected one of " +
                string.Join(", ", SensorTable.Default.Sensors.Where(s => s.IsThreshold).Select(s => s.Name)));
        }
    }

    private double Number(string key) => double.Parse(Options[key], NumberStyles.Float, CultureInfo.InvariantCulture);

    private int Int(string key) => (int)Number(key);

    /// <summary>A threshold sensor by SDR name or Redfish id ("CPU1 Temp", "cpu1_temp").</summary>
    private static SensorDefinition? FindSensor(SensorTable table, string name) =>
        table.Sensors.FirstOrDefault(s => s.IsThreshold && (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.Name.Replace(' ', '_').Replace('.', '_'), name, StringComparison.OrdinalIgnoreCase)));

    private static List<int> ParseNodes(string spec, string range, int nodeCount)
    {
        if (range is "all" or "*")
        {
            return Enumerable.Range(1, nodeCount).ToList();
        }
        IReadOnlyList<string> names;
        try
        {
            names = HostList.Expand(range);
        }
        catch (HostPatternException e)
        {
            throw new UsageException($"--scenario {spec}: bad node range '{range}': {e.Message}");
        }
        var numbers = new List<int>();
        foreach (string n in names)
        {
            string digits = n.StartsWith("sim", StringComparison.OrdinalIgnoreCase) ? n[3..]
                : n.StartsWith("node", StringComparison.OrdinalIgnoreCase) ? n[4..] : "";
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1 || number > nodeCount)
            {
                throw new UsageException($"--scenario {spec}: '{n}' is not a node of this fleet; name nodes sim0001 … or node1 … up to number {nodeCount}, or say all");
            }
            numbers.Add(number);
        }
        return numbers.Distinct().ToList();
    }
}

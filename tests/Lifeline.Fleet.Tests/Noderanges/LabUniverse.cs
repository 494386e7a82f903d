using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

/// <summary>
/// A small universe covering every shape the tests need:
/// n1..n20 (compute = n1..n16, gpu = n13..n20; role cpu/gpu; rack 1 for n1..n10, 2 for n11..n20),
/// r1u01..r3u10 (groups rack1..rack3; attributes rack, u),
/// s001..s010 (group storage; role storage), alpha and beta (group mgmt), web-1 and web-2 (group web).
/// Every node is also in group all.
/// </summary>
internal static class LabUniverse
{
    public static NodeUniverse Instance { get; } = Build();

    public static IReadOnlyList<string> Names(string commaSeparated) =>
        commaSeparated.Length == 0 ? [] : commaSeparated.Split(',');

    public static IReadOnlyList<string> Sequence(string prefix, int from, int to, int width = 0) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'))];

    private static NodeUniverse Build()
    {
        var nodes = new List<(string, IReadOnlyList<string>, IReadOnlyDictionary<string, string>)>();
        for (int i = 1; i <= 20; i++)
        {
            var groups = new List<string> { "all" };
            if (i <= 16)
            {
                groups.Add("compute");
            }

            if (i >= 13)
            {
                groups.Add("gpu");
            }

            nodes.Add(($"n{i}", groups, Attributes(("role", i >= 13 ? "gpu" : "cpu"), ("rack", i <= 10 ? "1" : "2"))));
        }

        for (int r = 1; r <= 3; r++)
        {
            for (int u = 1; u <= 10; u++)
            {
                nodes.Add(($"r{r}u{u:00}", ["all", $"rack{r}"], Attributes(("rack", $"{r}"), ("u", $"{u}"))));
            }
        }

        for (int s = 1; s <= 10; s++)
        {
            nodes.Add(($"s{s:000}", ["all", "storage"], Attributes(("Role", "storage"))));
        }

        nodes.Add(("alpha", ["all", "mgmt"], Attributes()));
        nodes.Add(("beta", ["all", "mgmt"], Attributes()));
        nodes.Add(("web-1", ["all", "web"], Attributes()));
        nodes.Add(("web-2", ["all", "web"], Attributes()));
        return NodeUniverse.Create(nodes);
    }

    private static IReadOnlyDictionary<string, string> Attributes(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}

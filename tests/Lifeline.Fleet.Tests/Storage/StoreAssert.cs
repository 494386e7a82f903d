using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Tests.Storage;

/// <summary>Compares inventory records by value (records compare their lists and maps by reference).</summary>
internal static class StoreAssert
{
    public static string Describe(NodeDefinition node) =>
        $"{node.Name}|{string.Join(";", node.Groups)}|{node.IpmiUrl}|{node.RedfishUrl}|{node.Management}|{node.Credential}|" +
        $"{node.ConsoleMethod}|{node.InbandAddress}|{node.Location.Site}|{node.Location.Rack}|{node.Location.U}|" +
        string.Join(";", node.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static string Describe(GroupDefinition group) =>
        $"{group.Name}|{group.Description}|{group.Credential}|" +
        string.Join(";", group.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static void Same(NodeDefinition expected, NodeDefinition? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Describe(expected), Describe(actual));
    }

    public static void Same(IEnumerable<NodeDefinition> expected, IEnumerable<NodeDefinition> actual) =>
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));

    public static void Same(IEnumerable<GroupDefinition> expected, IEnumerable<GroupDefinition> actual) =>
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
}

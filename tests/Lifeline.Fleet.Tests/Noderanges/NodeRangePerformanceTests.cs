using System.Diagnostics;
using Lifeline.Fleet.Noderanges;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Noderanges;

/// <summary>Timings run alone (not alongside the other test classes) so the printed numbers mean something.</summary>
[CollectionDefinition(nameof(NodeRangePerformanceTests), DisableParallelization = true)]
public sealed class NodeRangeTimingCollection;

[Collection(nameof(NodeRangePerformanceTests))]
public sealed class NodeRangePerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void ExpandingAGroupARangeAndAnAttributeSelectorOverTenThousandNodesIsFast()
    {
        var nodes = new List<(string, IReadOnlyList<string>, IReadOnlyDictionary<string, string>)>();
        for (int r = 1; r <= 100; r++)
        {
            for (int u = 1; u <= 100; u++)
            {
                IReadOnlyList<string> groups = r <= 80 ? ["all", $"rack{r}", "compute"] : ["all", $"rack{r}"];
                nodes.Add(($"r{r}u{u:000}", groups, new Dictionary<string, string> { ["role"] = u % 4 == 0 ? "gpu" : "cpu" }));
            }
        }

        var universe = NodeUniverse.Create(nodes);
        const string Expression = "compute,r81u[001-050]@role=gpu,-rack3";
        var warm = NodeRange.Expand(Expression, universe);
        for (int i = 0; i < 5; i++)
        {
            NodeRange.Expand(Expression, universe);
        }

        const int Runs = 21;
        var times = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            NodeRange.Expand(Expression, universe);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine(
            $"Expand '{Expression}' over {universe.Nodes.Count} nodes -> {warm.Count} nodes: median {times[Runs / 2]:0.00} ms, fastest {times[0]:0.00} ms");

        Assert.Equal((79 * 25) + 12, warm.Count);
        Assert.True(times[Runs / 2] < 1_000, "far below a second per run even on a loaded machine");

        var foldWatch = Stopwatch.StartNew();
        string folded = NodeRangeFolder.Fold(universe.Nodes);
        output.WriteLine($"Fold of {universe.Nodes.Count} nodes: {foldWatch.Elapsed.TotalMilliseconds:0.00} ms (first call) -> {folded}");
        Assert.Equal("r[1-100]u[001-100]", folded);
    }
}

using Lifeline.Drivers;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Xunit.Abstractions;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class SensorHistoryWindowTests(ITestOutputHelper output)
{
    [Fact]
    public void TheWindowKeepsTheNewestSamplesOldestFirst()
    {
        var window = new SensorHistoryWindow(4);
        var t = SyntheticNode.Start;
        for (int i = 0; i < 6; i++)
        {
            Assert.True(window.Add(t.AddMinutes(i), i * 10, SensorStatus.Ok));
        }
        Assert.Equal(4, window.Count);
        Assert.Equal((t.AddMinutes(2), 20.0, SensorStatus.Ok), window[0]);
        Assert.Equal(t.AddMinutes(5), window.LastTime);
        Assert.False(window.Add(t, 1, SensorStatus.Ok));
    }

    [Fact]
    public void MissingReadingsAreKeptButSkippedByFits()
    {
        var window = new SensorHistoryWindow(8);
        var t = SyntheticNode.Start;
        window.Add(t, 1, SensorStatus.Ok);
        window.Add(t.AddMinutes(1), null, SensorStatus.Unavailable);
        window.Add(t.AddMinutes(2), 3, SensorStatus.Ok);
        Span<double> x = stackalloc double[8], y = stackalloc double[8];
        int n = window.CopySince(t, x, y);
        Assert.Equal(2, n);
        Assert.Equal([0.0, 2.0], x[..n].ToArray());
        Assert.Equal((t.AddMinutes(1), (double?)null, SensorStatus.Unavailable), window[1]);
    }

    [Fact]
    public void TenThousandNodesOfTwentySensorsStayWellUnder150Megabytes()
    {
        var options = new DetectionOptions();
        long estimate = SensorHistoryWindow.EstimatedBytes(options.HistoryCapacity) * 10_000 * 20;
        output.WriteLine($"estimated window bytes for 200,000 sensors: {estimate / 1e6:0.0} MB");
        Assert.True(estimate < 120_000_000);

        // Measured through the detector: 1,000 nodes × 20 trend sensors × a full window, extrapolated to 10,000 nodes.
        var detector = new TrendDetector(options);
        var names = Enumerable.Range(0, 1000).Select(i => $"node{i:0000}").ToArray();
        var sensors = Enumerable.Range(0, 20).Select(i => i < 10 ? $"Fan{i}" : $"Temp{i}").ToArray();
        var random = new Random(1);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int poll = 0; poll < options.HistoryCapacity; poll++)
        {
            var time = SyntheticNode.Start.AddMinutes(poll);
            foreach (string node in names)
            {
                var points = sensors.Select((s, i) => new SensorPoint(s, i < 10 ? "Fan" : "Temperature", i < 10 ? "RPM" : "degrees C",
                    (i < 10 ? 8000 : 50) + random.NextDouble(), SensorStatus.Ok)).ToList();
                detector.Observe(new SensorSnapshot(node, time, points));
            }
        }
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perTenThousand = (after - before) * 10.0;
        output.WriteLine($"measured: {(after - before) / 1e6:0.0} MB for 1,000 nodes → {perTenThousand / 1e6:0.0} MB for 10,000");
        Assert.True(perTenThousand < 150_000_000, $"{perTenThousand / 1e6:0} MB");
        GC.KeepAlive(detector);
    }
}

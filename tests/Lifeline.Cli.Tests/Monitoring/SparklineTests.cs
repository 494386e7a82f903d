using Lifeline.Cli.Commands.Monitoring;
using Lifeline.Cli.Fleet;

namespace Lifeline.Cli.Tests.Monitoring;

/// <summary>The sparkline, min/avg/max and the duration arguments, without a service.</summary>
public sealed class SparklineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static SeriesPointItem Point(int i, double? value) =>
        value is { } v ? new(T0.AddMinutes(i), v, v, v, 1) : new(T0.AddMinutes(i), null, null, null, 0);

    private static List<SeriesPointItem> Series(params double?[] values) => [.. values.Select((v, i) => Point(i, v))];

    [Fact]
    public void ARisingSeriesSpansTheBlocksFromLowestToHighest()
    {
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Render(Series(0, 1, 2, 3, 4, 5, 6, 7), 40));
    }

    [Fact]
    public void EachLineIsScaledToItsOwnRangeNotToZero()
    {
        Assert.Equal("▁█▁", Sparkline.Render(Series(8000, 8100, 8000), 40));
    }

    [Fact]
    public void GapsAreShownAsADotAndCounted()
    {
        var series = Series(10, null, 20, null);
        Assert.Equal("▁·█·", Sparkline.Render(series, 40));
        Assert.Equal(2, Sparkline.Gaps(series));
        Assert.Equal("▁·█· (gaps: 2)", SensorHistory.Trend(series, 40));
    }

    [Fact]
    public void AFlatSeriesIsARowOfMiddleBlocks()
    {
        Assert.Equal("▄▄▄", Sparkline.Render(Series(42, 42, 42), 40));
    }

    [Fact]
    public void OnePointIsOneMiddleBlock()
    {
        Assert.Equal("▄", Sparkline.Render(Series(5), 40));
        Assert.Equal("5/5/5", SensorHistory.Stats(Series(5)));
    }

    [Fact]
    public void OnlyGapsGiveDotsAndNoStatistics()
    {
        Assert.Equal("··", Sparkline.Render(Series(null, null), 40));
        Assert.Equal("-", SensorHistory.Stats(Series(null, null)));
    }

    [Fact]
    public void MorePointsThanTheWidthShareCharactersAndAGapSurvivesOnlyWhenAllItsPointsAreGaps()
    {
        // 8 points into 4 characters: (0,0) (null,null) (5,null) (10,10)
        var series = Series(0, 0, null, null, 5, null, 10, 10);
        Assert.Equal("▁·▅█", Sparkline.Render(series, 4));
    }

    [Fact]
    public void TheAverageIsWeightedByEachPointsSampleCount()
    {
        var points = new List<SeriesPointItem>
        {
            new(T0, 10, 10, 10, 1),
            new(T0.AddMinutes(5), 18, 20, 22, 3),
        };

        Assert.Equal((10.0, 17.5, 22.0), Sparkline.Summary(points));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("7d", 604800)]
    [InlineData("1w", 604800)]
    public void DurationsParseInEveryUnit(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), MonitoringArgs.ParseDuration(text, "--history"));
    }

    [Theory]
    [InlineData("1x")]
    [InlineData("h")]
    [InlineData("-1h")]
    [InlineData("0m")]
    [InlineData("soon")]
    public void BadDurationsSayWhichOptionAndWhatWorks(string text)
    {
        var e = Assert.Throws<UsageException>(() => MonitoringArgs.ParseDuration(text, "--history"));
        Assert.Equal($"--history '{text}': expected a duration such as 90s, 15m, 1h, 7d or 1w", e.Message);
    }

    [Theory]
    [InlineData(90, "90s")]
    [InlineData(900, "15m")]
    [InlineData(5400, "90m")]
    [InlineData(7200, "2h")]
    [InlineData(604800, "7d")]
    public void DurationsGoToTheApiInItsOwnForm(int seconds, string expected)
    {
        Assert.Equal(expected, MonitoringArgs.Query(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void ReconnectingWaitsNothingAfterOneDropThenBacksOffToThirtySeconds()
    {
        Assert.Equal([0, 0, 1, 2, 4, 8, 16, 30, 30], Enumerable.Range(0, 9).Select(f => StoredEvents.Backoff(f).TotalSeconds));
    }
}

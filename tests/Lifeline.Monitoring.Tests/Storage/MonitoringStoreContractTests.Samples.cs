using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Storage;

public abstract partial class MonitoringStoreContractTests
{
    [SkippableFact]
    public async Task SamplesRoundTripWithNullsStatusesTypesUnitsAndUnicodeNames()
    {
        const string unicode = "Température ☃ 温度 🌡";
        await Store.WriteSamplesAsync(
        [
            new SensorSnapshot("n1", At(0),
            [
                new SensorPoint("Fan1", "Fan", "RPM", 3000, SensorStatus.Ok),
                new SensorPoint(unicode, "Temperature", "degrees C", 45.5, SensorStatus.Warning),
                new SensorPoint("PSU1 Status", "Power Supply", null, null, SensorStatus.Critical, "Failure detected"),
            ]),
            Poll("n2", At(0), ("Fan1", 1200)),
        ], default);

        var series = await Store.ReadSeriesAsync(new SeriesQuery(["n1", "n2"], null, At(0), At(0), SeriesResolution.Raw), default);

        Assert.Equal([("n1", "Fan1"), ("n1", unicode), ("n1", "PSU1 Status"), ("n2", "Fan1")], series.Select(s => (s.Node, s.Sensor)));
        Assert.Equal(("Temperature", "degrees C"), (series[1].Type, series[1].Unit));
        Assert.Equal(("Power Supply", (string?)null), (series[2].Type, series[2].Unit));
        Assert.All(series, s => Assert.Equal(SeriesResolution.Raw, s.Resolution));
        Assert.Equal(new SeriesPoint(At(0), 45.5, 45.5, 45.5, 1), Assert.Single(series[1].Points));
        Assert.Equal(new SeriesPoint(At(0), null, null, null, 1), Assert.Single(series[2].Points));
        Assert.Equal(1200, Assert.Single(series[3].Points).Avg);
    }

    [SkippableFact]
    public async Task AFailedPollIsACountZeroPointInEverySeriesOfItsNode()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 3000), ("CPU Temp", 40))], default);
        await Store.WriteSamplesAsync([Gap("n1", At(1))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(2), ("Fan1", 3100), ("CPU Temp", 41))], default);

        var series = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(2), SeriesResolution.Raw), default);

        Assert.Equal(2, series.Count);
        foreach (var s in series)
        {
            Assert.Equal([1, 0, 1], s.Points.Select(p => p.Count));
            Assert.Equal(At(1), s.Points[1].Time);
            Assert.Null(s.Points[1].Avg);
        }
    }

    [SkippableFact]
    public async Task TheSensorFilterMatchesANameSubstringIgnoringCaseOrATypeExactly()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 3000), ("Fan2", 3100), ("CPU Temp", 40), ("Inlet Temp", 22))], default);

        var byName = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], "cpu", At(0), At(0), SeriesResolution.Raw), default);
        var byType = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], "fan", At(0), At(0), SeriesResolution.Raw), default);
        var byExactType = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], "temperature", At(0), At(0), SeriesResolution.Raw), default);
        var none = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], "volt", At(0), At(0), SeriesResolution.Raw), default);

        Assert.Equal(["CPU Temp"], byName.Select(s => s.Sensor));
        Assert.Equal(["Fan1", "Fan2"], byType.Select(s => s.Sensor));
        Assert.Equal(["CPU Temp", "Inlet Temp"], byExactType.Select(s => s.Sensor));
        Assert.Empty(none);
    }

    [SkippableFact]
    public async Task TheRangeIsInclusiveAndAnUnknownNodeHasNoSeries()
    {
        for (int minute = 0; minute < 5; minute++)
        {
            await Store.WriteSamplesAsync([Poll("n1", At(minute), ("Fan1", 1000 + minute))], default);
        }

        var series = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1", "unknown"], null, At(1), At(3), SeriesResolution.Raw), default));

        Assert.Equal([1001.0, 1002.0, 1003.0], series.Points.Select(p => p.Avg!.Value));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(3), At(1)), default));
    }

    [SkippableFact]
    public async Task ASensorListedTwiceInOnePollKeepsTheFirstReading()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1000), ("Fan1", 2000), ("Fan2", 3000))], default);

        var series = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(0), SeriesResolution.Raw), default);

        Assert.Equal([("Fan1", 1000.0), ("Fan2", 3000.0)], series.Select(s => (s.Sensor, s.Points.Single().Avg!.Value)));
    }

    [SkippableFact]
    public async Task TheSamePollWrittenTwiceIsStoredOnce()
    {
        var poll = Poll("n1", At(0), ("Fan1", 1000));
        await Store.WriteSamplesAsync([poll], default);
        await Store.WriteSamplesAsync([poll, poll with { Time = At(1) }], default);

        var series = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(1), SeriesResolution.Raw), default));

        Assert.Equal([At(0), At(1)], series.Points.Select(p => p.Time));
    }

    [SkippableFact]
    public async Task FiveMinuteBucketsHoldMinAvgMaxAndCountAndKeepGaps()
    {
        // Bucket 12:00: four readings and one failed poll. Bucket 12:05: only failed polls. n2 appears in 12:00 only.
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1000), ("CPU Temp", 40)), Poll("n2", At(0), ("Fan1", 500))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(1), ("Fan1", 2000), ("CPU Temp", null))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(2), ("Fan1", 3000), ("CPU Temp", 50))], default);
        await Store.WriteSamplesAsync([Gap("n1", At(3))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(4, 59), ("Fan1", 6000), ("CPU Temp", 45))], default);
        await Store.WriteSamplesAsync([Gap("n1", At(5)), Gap("n1", At(6))], default);

        int buckets = await Store.RollUpAsync(At(11), default);
        var series = await Store.ReadSeriesAsync(new SeriesQuery(["n1", "n2"], null, At(2), At(9), SeriesResolution.FiveMinutes), default);

        Assert.Equal(2, buckets);
        Assert.Equal([("n1", "Fan1"), ("n1", "CPU Temp"), ("n2", "Fan1")], series.Select(s => (s.Node, s.Sensor)));
        Assert.All(series, s => Assert.Equal(SeriesResolution.FiveMinutes, s.Resolution));
        Assert.Equal([new SeriesPoint(At(0), 1000, 3000, 6000, 4), new SeriesPoint(At(5), null, null, null, 0)], series[0].Points);
        Assert.Equal([new SeriesPoint(At(0), 40, 45, 50, 4), new SeriesPoint(At(5), null, null, null, 0)], series[1].Points);
        Assert.Equal([new SeriesPoint(At(0), 500, 500, 500, 1)], series[2].Points);
    }

    [SkippableFact]
    public async Task RollUpIsIdempotentAndLeavesTheUnfinishedBucketAlone()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1000))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(6), ("Fan1", 2000))], default);

        int first = await Store.RollUpAsync(At(9), default); // 12:05 bucket ends at 12:10: not yet
        int again = await Store.RollUpAsync(At(9), default);
        var before = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(10), SeriesResolution.FiveMinutes), default);
        int later = await Store.RollUpAsync(At(10), default);
        int laterAgain = await Store.RollUpAsync(At(30), default);
        var after = await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(10), SeriesResolution.FiveMinutes), default);

        Assert.Equal((1, 0, 1, 0), (first, again, later, laterAgain));
        Assert.Equal([At(0)], Assert.Single(before).Points.Select(p => p.Time));
        Assert.Equal([(At(0), 1000.0), (At(5), 2000.0)], Assert.Single(after).Points.Select(p => (p.Time, p.Avg!.Value)));
    }

    [SkippableFact]
    public async Task AutoReadsRawWithinRawRetentionAndTheFiveMinuteTierBeyondIt()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1000)), Poll("n1", At(1), ("Fan1", 2000))], default);
        await Store.RollUpAsync(At(5), default);
        Clock.Advance(TimeSpan.FromHours(2));

        var recent = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(60)), default));
        Clock.Advance(TimeSpan.FromHours(23));
        var old = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(60)), default));

        Assert.Equal(SeriesResolution.Raw, recent.Resolution);
        Assert.Equal(2, recent.Points.Count);
        Assert.Equal(SeriesResolution.FiveMinutes, old.Resolution);
        Assert.Equal(new SeriesPoint(At(0), 1000, 1500, 2000, 2), Assert.Single(old.Points));
    }

    [SkippableFact]
    public async Task PruneDeletesWhatTheRetentionDropsButNeverRawSamplesNotYetRolledUp()
    {
        await Store.WriteSamplesAsync([Poll("n1", At(0), ("Fan1", 1000))], default);
        await Store.WriteSamplesAsync([Poll("n1", At(10), ("Fan1", 2000))], default);
        await Store.RollUpAsync(At(6), default); // rolls 12:00 only
        await Store.AppendEventsAsync([Event("n1", "old", minute: 0)], null, default);
        var resolved = await Store.SaveAlertAsync(NewAlert("r") with { State = AlertState.Resolved, ResolvedAt = Start, ResolvedBy = "auto" }, default);
        var open = await Store.SaveAlertAsync(NewAlert("o"), [("webhook", AlertTransition.Firing, "{}")], Start, default);
        long delivered = (await Store.ListNotificationsAsync(null, 10, default)).Single().Id;
        await Store.MarkDeliveredAsync(delivered, Start, default);
        var policy = new RetentionPolicy();

        long firstRows = await Store.PruneAsync(Start.AddDays(2), policy, default);
        var raw = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(-60), At(60), SeriesResolution.Raw), default));
        var fiveMinutes = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(-60), At(60), SeriesResolution.FiveMinutes), default));
        long laterRows = await Store.PruneAsync(Start.AddDays(400), policy, default);

        Assert.Equal(1, firstRows); // the rolled-up raw sample
        Assert.Equal([At(10)], raw.Points.Select(p => p.Time));
        Assert.Equal([At(0)], fiveMinutes.Points.Select(p => p.Time));
        Assert.Equal(4, laterRows); // the 5-minute row, the event, the resolved alert, the delivered notification
        Assert.Empty(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(-60), At(60), SeriesResolution.FiveMinutes), default));
        Assert.Empty(await Store.QueryEventsAsync(new EventQuery(), default));
        Assert.Null(await Store.GetAlertAsync(resolved.Id, default));
        Assert.NotNull(await Store.GetAlertAsync(open.Id, default));
        Assert.Empty(await Store.ListNotificationsAsync(null, 10, default));
    }

    [SkippableFact]
    public async Task ASensorThatChangesTypeOrUnitKeepsItsHistoryUnderTheNewOne()
    {
        await Store.WriteSamplesAsync([new SensorSnapshot("n1", At(0), [new SensorPoint("Sys", "Other", null, 1, SensorStatus.Ok)])], default);
        await Store.WriteSamplesAsync([new SensorSnapshot("n1", At(1), [new SensorPoint("Sys", "Temperature", "degrees C", 2, SensorStatus.Ok)])], default);

        var series = Assert.Single(await Store.ReadSeriesAsync(new SeriesQuery(["n1"], null, At(0), At(1), SeriesResolution.Raw), default));

        Assert.Equal(("Temperature", "degrees C", 2), (series.Type, series.Unit, series.Points.Count));
    }
}

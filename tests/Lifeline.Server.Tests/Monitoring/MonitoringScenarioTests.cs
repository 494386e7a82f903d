using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Monitoring.Model;
using Lifeline.Simulator.Model;
using Xunit.Abstractions;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>
/// Issue 6's scenarios end to end: simulated BMCs that degrade, reboot, clear their SEL and lose packets, watched by
/// the real service (collector, store, detector, alert engine, webhook channel) on one fake clock.
/// </summary>
public sealed class MonitoringScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AFanThatWearsOutIsPredictedWellBeforeItsThresholdAlertAndBothReachTheWebhook()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 2);
        await s.StepAsync(16); // a healthy baseline, well past the power-on transient
        var wearStart = s.Clock.GetUtcNow();
        s.Model(1).DegradeFan(3, rpmPerMinute: 150); // 7200 RPM nominal: lower non-critical (1200) after ~40 min

        DateTimeOffset? warned = null, threshold = null;
        for (int step = 0; step < 140 && threshold is null; step++)
        {
            await s.StepAsync();
            var alerts = s.Webhook.Alerts();
            if (warned is null && alerts.Any(a => a.Rule == "trend-fan-falling" && a.Node == "m1" && a.Transition == "firing"))
            {
                warned = s.Clock.GetUtcNow();
            }
            if (alerts.Any(a => a.Node == "m1" && a.Rule is "fan-critical" or "critical-event" && a.Transition == "firing"))
            {
                threshold = s.Clock.GetUtcNow();
            }
        }

        Assert.NotNull(warned);
        Assert.NotNull(threshold);
        var lead = threshold!.Value - warned!.Value;
        output.WriteLine($"fan wear from {wearStart:HH:mm}: early warning after {(warned.Value - wearStart).TotalMinutes:0.#} min, " +
            $"threshold alert after {(threshold.Value - wearStart).TotalMinutes:0.#} min: {lead.TotalMinutes:0.#} min earlier");
        Assert.True(lead >= TimeSpan.FromMinutes(5), $"the warning came only {lead.TotalMinutes:0.#} min before the threshold alert");

        foreach (var a in s.Webhook.Alerts())
        {
            output.WriteLine($"delivered: {a.Transition} {a.Rule} {a.Node} {a.Subject} #{a.Id}");
        }
        // the healthy node raised nothing; the warning names its evidence
        Assert.DoesNotContain(s.Webhook.Alerts(), a => a.Node == "m2");
        var warning = s.Webhook.Delivered().First(d => d.Body.GetProperty("alert").GetProperty("rule").GetString() == "trend-fan-falling");
        var evidence = JsonDocument.Parse(warning.Body.GetProperty("alert").GetProperty("evidence").GetString()!).RootElement;
        output.WriteLine(evidence.ToString());
        var fit = evidence.GetProperty("evidence");
        Assert.True(fit.GetProperty("slope").GetDouble() < 0, evidence.ToString());
        Assert.Equal("lower critical", fit.GetProperty("threshold_name").GetString());
        Assert.True(TimeSpan.Parse(fit.GetProperty("time_to_threshold").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero);
        Assert.StartsWith("sha256=", warning.Headers["X-Lifeline-Signature"], StringComparison.Ordinal);

        // the SEL's own threshold record was collected too
        var events = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Sel }, CancellationToken.None);
        Assert.Contains(events, e => e.Sensor!.EndsWith("Fan3", StringComparison.Ordinal) && e.Message.StartsWith("Lower Critical going low", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADimmWithRisingCorrectedErrorsIsFlaggedHoursBeforeItsUncorrectableError()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 1);
        await s.StepAsync(2);
        var start = s.Clock.GetUtcNow();
        var uncorrectableAfter = TimeSpan.FromHours(5);
        // corrected ECC errors at 1/h, 6/h more every hour (a Poisson process seeded by the node), then one uncorrectable
        s.Model(1).DegradeDimm(0, initialPerHour: 1, growthPerHourPerHour: 6, uncorrectableAfter);

        DateTimeOffset? warned = null;
        for (int step = 0; step < 600 && warned is null; step++)
        {
            await s.StepAsync();
            if (s.Webhook.Alerts().Any(a => a.Rule == "trend-memory-errors-rising" && a.Transition == "firing"))
            {
                warned = s.Clock.GetUtcNow();
            }
        }

        Assert.NotNull(warned);
        var lead = start + uncorrectableAfter - warned!.Value;
        var corrected = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Sel, Limit = 10_000 }, CancellationToken.None);
        output.WriteLine($"DIMM wear: {corrected.Count(e => e.Kind == "memory-correctable")} corrected errors collected; warning after " +
            $"{(warned.Value - start).TotalHours:0.0} h, {lead.TotalHours:0.0} h before the uncorrectable error");
        Assert.DoesNotContain(corrected, e => e.Kind == "memory-uncorrectable"); // the warning came first
        Assert.True(lead >= TimeSpan.FromHours(1), $"only {lead.TotalMinutes:0} min before the uncorrectable error");
    }

    [Fact]
    public async Task ABmcRebootDuringCollectionNeitherDuplicatesNorLosesSelRecords()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 2);
        s.Model(1).FloodSel(perMinute: 6);
        await s.StepAsync(4);
        s.Model(1).Faults = s.Model(1).Faults with { Hung = true }; // the BMC stops answering mid-collection …
        await s.StepAsync(3);
        s.Model(1).Faults = s.Model(1).Faults with { Hung = false };
        s.Model(1).RebootBmc(); // … and reboots: every session is gone; records kept arriving in its SEL all along
        await s.StepAsync(6);
        s.Model(1).FloodSel(0);
        await s.StepAsync(); // one more read after the last record, so "all of them" is well defined

        var inBmc = s.Model(1).GetSelEntries();
        var stored = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Sel, Limit = 10_000 }, CancellationToken.None);
        output.WriteLine($"{inBmc.Length} records in the BMC's SEL, {stored.Count} stored");
        Assert.True(inBmc.Length >= 20, $"only {inBmc.Length} records were logged");
        Assert.Equal(stored.Count, stored.Select(e => e.DedupeKey).Distinct().Count());
        var storedIds = stored.Select(e => Convert.ToInt32(e.Raw![..4], 16)).Select(raw => (ushort)((raw >> 8) | ((raw & 0xFF) << 8))).ToHashSet();
        Assert.All(inBmc, entry => Assert.Contains(entry.RecordId, storedIds));
        Assert.Equal(inBmc.Length, stored.Count);
        // and the reboot was seen as the management path lost and back
        var monitor = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Monitor }, CancellationToken.None);
        Assert.Contains(monitor, e => e.Kind == "bmc-lost");
        Assert.Contains(monitor, e => e.Kind == "bmc-up");
    }

    [Fact]
    public async Task AServiceRestartMidCollectionResumesFromTheStoredCursorWithoutDuplicatesOrLosses()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 2);
        s.Model(1).FloodSel(perMinute: 4);
        s.Model(2).FloodSel(perMinute: 3);
        await s.StepAsync(4);
        var before = await s.Store.QueryEventsAsync(new EventQuery { Source = EventSources.Sel, Limit = 10_000 }, CancellationToken.None);
        Assert.NotEmpty(before);

        await s.RestartServiceAsync(); // records keep arriving in the SELs while the service is away
        s.Clock.Advance(TimeSpan.FromMinutes(2));
        await s.StepAsync(4);
        s.Model(1).FloodSel(0);
        s.Model(2).FloodSel(0);
        await s.StepAsync(); // one more read of each log after the last record

        var after = await s.Store.QueryEventsAsync(new EventQuery { Source = EventSources.Sel, Limit = 10_000 }, CancellationToken.None);
        Assert.All(before, e => Assert.Contains(after, a => a.Id == e.Id && a.DedupeKey == e.DedupeKey));
        foreach (int node in new[] { 1, 2 })
        {
            var inBmc = s.Model(node).GetSelEntries();
            var stored = after.Where(e => e.Node == MonitoringScenario.Name(node)).ToList();
            output.WriteLine($"m{node}: {inBmc.Length} records in the SEL, {stored.Count} stored ({before.Count(e => e.Node == MonitoringScenario.Name(node))} before the restart)");
            Assert.Equal(inBmc.Length, stored.Count);
            Assert.Equal(stored.Count, stored.Select(e => e.Raw).Distinct().Count());
        }
    }

    [Fact]
    public async Task AHostThatStopsAnsweringWhileItsBmcStillDoesIsFlaggedOutOfBandOnlyAndAlerted()
    {
        // the host's in-band side: a real TCP listener that accepts (up), then stops accepting and has its small
        // backlog filled, so new handshakes go unanswered (down) — what a hung or crashed host looks like on the wire
        using var host = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        host.Start(1);
        int port = ((System.Net.IPEndPoint)host.LocalEndpoint).Port;
        using var accepting = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            while (!accepting.IsCancellationRequested)
            {
                using var c = await host.AcceptTcpClientAsync(accepting.Token);
            }
        });
        await using var s = await MonitoringScenario.StartAsync(nodes: 1,
            settings: new() { ["Lifeline:Monitoring:PrimaryTimeout"] = "00:00:00.500" });
        using (var patched = await s.Admin.PatchAsJsonAsync("nodes?noderange=m1", new { inband_address = $"127.0.0.1:{port}" }))
        {
            Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        }
        await s.StepAsync(2);
        Assert.True(s.States.Get("m1").PrimaryUp, s.States.Get("m1").PrimaryDetail);

        await accepting.CancelAsync();
        await acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        var fillers = Enumerable.Range(0, 4).Select(_ => new System.Net.Sockets.TcpClient()).ToList();
        foreach (var f in fillers)
        {
            _ = f.ConnectAsync(System.Net.IPAddress.Loopback, port); // fills the accept queue; later SYNs are dropped
        }
        try
        {
            await s.StepAsync(4); // the primary-lost rule holds for a minute before it fires
            var state = s.States.Get("m1");
            output.WriteLine($"primary: {state.PrimaryDetail}");
            Assert.False(state.PrimaryUp);
            Assert.True(state.OutOfBandOnly);
            await MonitoringScenario.WaitUntilAsync(() => s.Webhook.Alerts().Any(a => a.Rule == "primary-lost" && a.Node == "m1" && a.Transition == "firing"),
                "primary-lost never reached the webhook");
            var health = System.Text.Json.JsonDocument.Parse(await s.Admin.GetStringAsync("monitoring/health?noderange=m1")).RootElement;
            Assert.Equal(1, health.GetProperty("summary").GetProperty("out_of_band_only").GetInt32());
            var node = health.GetProperty("nodes")[0];
            Assert.Equal("down", node.GetProperty("primary").GetString());
            Assert.Equal("up", node.GetProperty("bmc").GetString());
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task ASelClearIsDetectedAndKeepsWhatWasCollectedBeforeIt()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 1);
        s.Model(1).FloodSel(perMinute: 4);
        await s.StepAsync(4);
        var before = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Sel }, CancellationToken.None);
        Assert.NotEmpty(before);

        s.Model(1).ClearSel();
        await s.StepAsync(3);

        var monitor = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Monitor }, CancellationToken.None);
        var cleared = Assert.Single(monitor, e => e.Kind == "sel-cleared");
        Assert.Equal(Severity.Warning, cleared.Severity);
        var after = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Sel, Limit = 10_000 }, CancellationToken.None);
        Assert.All(before, e => Assert.Contains(after, a => a.Id == e.Id)); // nothing collected before the clear is lost
        Assert.Contains(after, e => e.ReceivedAt > cleared.ReceivedAt); // records logged after the clear are collected again
        Assert.Equal(after.Count, after.Select(e => e.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task ThirtyPercentPacketLossLeavesMarkedGapsAndNoInventedValues()
    {
        // a BMC that drops 30 % of what it receives: two retries save most requests, but a sensor walk of ~30 requests
        // still fails about every other time
        await using var s = await MonitoringScenario.StartAsync(nodes: 2, settings: new() { ["Lifeline:Fleet:IpmiRetries"] = "2" });
        await s.StepAsync(2);
        s.Model(1).Faults = s.Model(1).Faults with { PacketLossPercent = 30 };
        await s.StepAsync(20);

        var series = await s.Store.ReadSeriesAsync(new SeriesQuery(["m1", "m2"], "Fan1", s.Clock.GetUtcNow() - TimeSpan.FromHours(1), s.Clock.GetUtcNow(),
            SeriesResolution.Raw), CancellationToken.None);
        var lossy = Assert.Single(series, x => x.Node == "m1");
        var clean = Assert.Single(series, x => x.Node == "m2");
        int gaps = lossy.Points.Count(p => p.Count == 0);
        int values = lossy.Points.Count(p => p.Count > 0);
        output.WriteLine($"m1: {values} readings, {gaps} gaps; m2: {clean.Points.Count} readings, {clean.Points.Count(p => p.Count == 0)} gaps");
        Assert.True(gaps >= 1, "30 % packet loss over 20 polls left no gap");
        Assert.All(lossy.Points.Where(p => p.Count == 0), p => Assert.Null(p.Avg));
        Assert.DoesNotContain(clean.Points, p => p.Count == 0);
        Assert.Equal(s.States.Get("m1").SensorPollErrors, gaps);
    }

    [Fact]
    public async Task AnAlertRaisedWhileTheWebhookIsDownIsDeliveredOnceItIsBack()
    {
        await using var s = await MonitoringScenario.StartAsync(nodes: 1);
        await s.StepAsync(2);
        s.Webhook.DownStatus = 503;
        s.Model(1).FailFan(2); // the BMC reports the fan critical at once
        await s.StepAsync(2);
        Assert.True(s.Webhook.Refused() > 0, "the channel was never tried while down");
        Assert.Empty(s.Webhook.Alerts());
        var all = await s.Store.ListNotificationsAsync(null, 10, CancellationToken.None);
        foreach (var n in all)
        {
            output.WriteLine($"{n.Id} {n.Channel} {n.Transition} {n.State} attempts {n.Attempts} error {n.LastError}");
        }
        var pending = await s.Store.ListNotificationsAsync(DeliveryState.Pending, 10, CancellationToken.None);
        Assert.NotEmpty(pending);
        Assert.Contains(pending, n => n.LastError is not null && n.Attempts > 0); // tried, failed, kept for the next attempt

        s.Webhook.DownStatus = null;
        await s.StepAsync(2);
        await MonitoringScenario.WaitUntilAsync(() => s.Webhook.Alerts().Any(a => a.Node == "m1" && a.Transition == "firing"), "never delivered after the receiver came back");
        Assert.Empty(await s.Store.ListNotificationsAsync(DeliveryState.Pending, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ARedfishBmcsPushedEventIsStoredAndAlertedWithinASecondWithoutWaitingForThePoll()
    {
        // event-log polls only every 10 minutes: anything faster is the push
        await using var s = await MonitoringScenario.StartAsync(nodes: 1, redfish: true,
            settings: new() { ["Lifeline:Monitoring:EventInterval"] = "00:10:00" });
        await MonitoringScenario.WaitUntilAsync(() => s.Redfish!.Nodes[0].EventStreamCount > 0, "the service never opened the BMC's event stream");
        int before = s.Webhook.Delivered().Count;

        var started = System.Diagnostics.Stopwatch.StartNew();
        s.Model(1).InjectMemoryError(1, uncorrectable: true); // a critical SEL record
        s.Clock.Advance(TimeSpan.FromSeconds(1)); // the simulated BMC checks its SEL for the stream once a second
        await MonitoringScenario.WaitUntilAsync(() => s.Webhook.Alerts().Any(a => a.Rule == "critical-event" && a.Transition == "firing"),
            "the pushed event never became an alert", seconds: 10);
        output.WriteLine($"SEL record to webhook delivery through the Redfish event stream: {started.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"{started.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(s.Webhook.Delivered().Count > before);
        var stored = await s.Store.QueryEventsAsync(new EventQuery { Nodes = ["m1"], Source = EventSources.Redfish }, CancellationToken.None);
        Assert.Contains(stored, e => e.Severity == Severity.Critical);
    }
}

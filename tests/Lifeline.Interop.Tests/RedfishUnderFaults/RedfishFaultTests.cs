using System.Diagnostics;
using Lifeline.Redfish;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Tls;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Interop.Tests.RedfishUnderFaults;

/// <summary>A small fleet with a Redfish face over HTTPS; each test injects its fault on its own node.</summary>
public sealed class RedfishFaultFleet : IAsyncLifetime
{
    public const string Password = "rf-fault-pw";
    public SimulatedFleet Fleet { get; private set; } = null!;
    public RedfishFace Face { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int port = 22000 + Environment.ProcessId % 1000;
        (Fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 9, // one node per test: faults and request counters stay apart
            Seed = 3,
            Password = Password,
            Placement = new SimulatorPlacement(PortBase: port, Subnet: 64),
            Defaults = BmcOptions.Default with { Timings = PowerTimings.Default with { BmcRebootDuration = TimeSpan.FromMilliseconds(300) } },
        });
        Face = await RedfishFace.StartAsync(Fleet, new RedfishFaceOptions
        {
            Placement = new SimulatorPlacement(PortBase: port + 1000, Subnet: 64),
            UpdateTaskDuration = TimeSpan.FromMilliseconds(400),
        }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Face.DisposeAsync();
        await Fleet.DisposeAsync();
    }

    public RedfishClientOptions Options(int node) => new()
    {
        Endpoint = RedfishEndpoint.Parse($"redfish://admin@{Face[node].EndPoint.Address}:{Face[node].EndPoint.Port}"),
        UserName = "admin",
        Password = Password,
        Tls = TlsPolicy.Pin(Face.CertificateFingerprint!),
        TaskPollInterval = TimeSpan.FromMilliseconds(100),
    };
}

/// <summary>
/// Our Redfish client against our simulated Redfish BMC under faults: 503/429 storms with Retry-After, no free session,
/// a session that expires mid-operation, a BMC reboot that loses subscriptions, a firmware task that fails.
/// </summary>
public sealed class RedfishFaultTests(RedfishFaultFleet fleet) : IClassFixture<RedfishFaultFleet>
{
    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task AStormWithRetryAfterIsWaitedOutAndTheCallSucceeds(int status)
    {
        // a burst hits a node's first requests: each storm gets a node no other test touches
        int node = status == 503 ? 0 : 1;
        fleet.Face[node].Faults = RedfishFaults.None with { Burst = new ErrorBurst(status, 2, 0, TimeSpan.FromSeconds(1)) };
        await using var bmc = RedfishBmc.Connect(fleet.Options(node));
        var sw = Stopwatch.StartNew();
        var state = await bmc.GetPowerStateAsync();
        Assert.Equal(fleet.Fleet.Nodes[node].Model.IsPoweredOn ? "On" : "Off", state.ToString());
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(1.5), $"Retry-After was not honoured: {sw.Elapsed}");
    }

    [Fact]
    public async Task NoFreeSessionIsASessionLimitError()
    {
        fleet.Face[2].Faults = RedfishFaults.None with { SessionsExhausted = true };
        try
        {
            await using var bmc = RedfishBmc.Connect(fleet.Options(2) with { MaxRetries = 0 });
            var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.GetPowerStateAsync());
            Assert.Equal(RedfishError.SessionLimit, e.Error);
        }
        finally
        {
            fleet.Face[2].Faults = RedfishFaults.None;
        }
    }

    [Fact]
    public async Task ASessionThatExpiresMidOperationIsReopenedOnce()
    {
        await using var bmc = RedfishBmc.Connect(fleet.Options(3));
        await bmc.GetPowerStateAsync();
        var first = bmc.Client.SessionUri!;
        // another administrator logs our session out (as an idle timeout would)
        await using (var admin = new Lifeline.Redfish.RedfishClient(fleet.Options(3) with { Auth = RedfishAuthMode.Basic }))
        {
            await admin.DeleteAsync(first.AbsolutePath);
        }
        await bmc.GetPowerStateAsync();
        Assert.NotEqual(first, bmc.Client.SessionUri);
    }

    [Fact]
    public async Task ABmcRebootLosesSubscriptionsAndTheyAreDetectedAndRecreated()
    {
        var destination = new Uri("http://127.0.0.1:9/lifeline-events");
        await using (var bmc = RedfishBmc.Connect(fleet.Options(4)))
        {
            var (_, created) = await bmc.EnsureSubscriptionAsync(destination, "lifeline");
            Assert.True(created);
            Assert.False((await bmc.EnsureSubscriptionAsync(destination, "lifeline")).Created);
        }
        var model = fleet.Fleet.Nodes[4].Model;
        model.RebootBmc();
        Assert.False(model.IsBmcAvailable);
        // unreachable while it reboots (300 ms); wait for the condition, bounded, not for a fixed time
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            while (!model.IsBmcAvailable)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
        await using (var bmc = RedfishBmc.Connect(fleet.Options(4)))
        {
            Assert.Empty(await bmc.ListSubscriptionsAsync());
            var (_, created) = await bmc.EnsureSubscriptionAsync(destination, "lifeline");
            Assert.True(created);
            Assert.Single(await bmc.ListSubscriptionsAsync());
        }
    }

    [Fact]
    public async Task AFirmwareTaskThatFailsIsReportedAsTaskFailed()
    {
        fleet.Face[5].Faults = RedfishFaults.None with { FailUpdates = true };
        try
        {
            await using var bmc = RedfishBmc.Connect(fleet.Options(5));
            var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.SimpleUpdateAsync("http://127.0.0.1:9/bmc-2.0.bin"));
            Assert.Equal(RedfishError.TaskFailed, e.Error);
        }
        finally
        {
            fleet.Face[5].Faults = RedfishFaults.None;
        }
    }

    [Fact]
    public async Task PushedEventsReachOurListenerThroughASubscription()
    {
        await using var listener = new RedfishEventListener(23000 + Environment.ProcessId % 1000);
        await using var bmc = RedfishBmc.Connect(fleet.Options(6));
        var (uri, created) = await bmc.EnsureSubscriptionAsync(listener.Destination, "lifeline-test");
        Assert.True(created);
        await bmc.PowerAsync(PowerCommand.Off);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = await listener.Events.ReadAsync(timeout.Token);
        Assert.Equal("lifeline-test", received.Context);
        Assert.NotEmpty(received.Events!);
        Assert.Equal(0, listener.Rejected);
        await bmc.DeleteSubscriptionAsync(uri);
        Assert.Empty(await bmc.ListSubscriptionsAsync());
    }

    [Fact]
    public async Task LogEntriesAreReadIncrementallyAndClearedThroughTheAction()
    {
        var model = fleet.Fleet.Nodes[7].Model;
        await using var bmc = RedfishBmc.Connect(fleet.Options(7));
        var sel = (await bmc.ListLogServicesAsync()).First(s => s.Id == "SEL");
        var first = await bmc.ReadLogEntriesAsync(sel);
        model.ForceSensorValue(Lifeline.Simulator.Model.SensorNumbers.Cpu1Temp, 97);
        var next = await bmc.ReadLogEntriesAsync(sel, first.Cursor);
        Assert.NotEmpty(next.Entries);
        Assert.All(next.Entries, e => Assert.DoesNotContain(first.Entries, old => old.Id == e.Id));
        Assert.Contains(next.Entries, e => (e.Message ?? "").Contains("CPU1 Temp", StringComparison.OrdinalIgnoreCase));
        model.ClearForcedSensorValue(Lifeline.Simulator.Model.SensorNumbers.Cpu1Temp);
        await bmc.ClearLogAsync(sel);
        Assert.True(model.GetSelEntries().Length <= 1, "only the BMC's own 'log cleared' entry may remain");
    }

    [Fact]
    public async Task AddedLatencyDelaysEveryAnswerButNothingFails()
    {
        fleet.Face[8].Faults = RedfishFaults.None with { Latency = TimeSpan.FromMilliseconds(250) };
        await using var bmc = RedfishBmc.Connect(fleet.Options(8));
        await bmc.GetPowerStateAsync(); // login + service root + systems: several answers, each late
        var sw = Stopwatch.StartNew();
        await bmc.GetPowerStateAsync();
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(240), $"answered in {sw.Elapsed}");
    }
}

using System.Net;
using System.Net.Http.Json;
using Lifeline.Monitoring.Storage;
using Lifeline.Monitoring.Tests.Notifications;
using Lifeline.Server.Monitoring;
using Lifeline.Server.Tests.Infrastructure;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>
/// The service with monitoring on, over simulated IPMI BMCs, both on ONE fake clock: each <see cref="StepAsync"/>
/// moves the clock one poll interval (so the simulator's fans wear, its SEL fills and the schedule falls due), then
/// waits in real time until every node's sensor and event polls of that interval have run through the pipeline. The
/// BMC conversations themselves are real UDP exchanges with real timeouts (the grains and drivers use the system
/// clock). A webhook channel delivers to a real HTTP receiver.
/// </summary>
internal sealed class MonitoringScenario : IAsyncDisposable
{
    public const string BmcPassword = "sim-pw-Beryl-42";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static int s_instances;

    private MonitoringScenario(FakeTimeProvider clock, SimulatedFleet fleet, ServerHost host, WebhookReceiver webhook, HttpClient admin, int nodes)
    {
        Clock = clock;
        Fleet = fleet;
        Host = host;
        Webhook = webhook;
        Admin = admin;
        NodeCount = nodes;
    }

    public FakeTimeProvider Clock { get; }
    public SimulatedFleet Fleet { get; }
    public ServerHost Host { get; private set; }
    public WebhookReceiver Webhook { get; }
    public HttpClient Admin { get; private set; }

    private Dictionary<string, string?> _settings = [];
    public int NodeCount { get; }
    public int Steps { get; private set; }

    public IMonitoringStore Store => Host.App.Services.GetRequiredService<IMonitoringStore>();
    public MonitorStates States => Host.App.Services.GetRequiredService<MonitorStates>();
    public MonitoringService Service => Host.App.Services.GetRequiredService<MonitoringService>();
    public SampleWriter Writer => Host.App.Services.GetRequiredService<SampleWriter>();

    public BmcModel Model(int node) => Fleet.Nodes[node - 1].Model;

    public static string Name(int node) => $"m{node}";

    /// <summary>The Redfish face when the nodes are managed over Redfish.</summary>
    public RedfishFace? Redfish { get; private set; }

    public static async Task<MonitoringScenario> StartAsync(int nodes, Func<int, BmcOptions, BmcOptions>? configure = null,
        Dictionary<string, string?>? settings = null, bool redfish = false)
    {
        int instance = Interlocked.Increment(ref s_instances);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        byte subnet = (byte)(100 + Environment.ProcessId % 40 + instance);
        int port = 27000 + Environment.ProcessId % 500 * 4 + instance;
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = nodes,
            Seed = 11,
            Password = BmcPassword,
            Placement = new SimulatorPlacement(PortBase: port, Subnet: subnet),
            TimeProvider = clock,
            Override = configure,
        });
        Assert.Equal(nodes, await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        var face = redfish
            ? await RedfishFace.StartAsync(fleet, new RedfishFaceOptions { UseHttps = false, Placement = new SimulatorPlacement(PortBase: port + 200, Subnet: subnet) },
                CancellationToken.None)
            : null;
        var webhook = await WebhookReceiver.StartAsync();
        Environment.SetEnvironmentVariable("LIFELINE_TEST_WEBHOOK_SECRET", "webhook-secret-Opal-9");
        var all = new Dictionary<string, string?>
        {
            ["Lifeline:Fleet:IpmiTimeout"] = "00:00:00.300",
            ["Lifeline:Fleet:IpmiRetries"] = "1",
            ["Lifeline:Fleet:OperationTimeout"] = "00:00:05",
            ["Lifeline:Fleet:LongOperationTimeout"] = "00:00:05",
            ["Lifeline:Fleet:RefreshInterval"] = "00:00:00",
            ["Lifeline:Monitoring:Enabled"] = "true",
            ["Lifeline:Monitoring:SensorInterval"] = Interval.ToString(),
            ["Lifeline:Monitoring:EventInterval"] = Interval.ToString(),
            ["Lifeline:Monitoring:Jitter"] = "0",
            ["Lifeline:Monitoring:Channels:hook:Kind"] = "webhook",
            ["Lifeline:Monitoring:Channels:hook:Url"] = webhook.Url.ToString(),
            ["Lifeline:Monitoring:Channels:hook:SecretEnvironmentVariable"] = "LIFELINE_TEST_WEBHOOK_SECRET",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var host = await ServerHost.StartAsync(clock, fakeFleet: false, settings: all);
        var admin = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword));
        var scenario = new MonitoringScenario(clock, fleet, host, webhook, admin, nodes) { Redfish = face, _settings = all };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("credentials/sim", new { user = "admin", password = BmcPassword })).StatusCode);
        var urls = (face?.InventoryLines("admin") ?? fleet.InventoryLines("admin")).ToList();
        using var added = await admin.PostAsJsonAsync("nodes", Enumerable.Range(1, nodes).Select(i => redfish
            ? (object)new { name = Name(i), groups = new[] { "mon" }, redfish_url = urls[i - 1], credential = "sim" }
            : new { name = Name(i), groups = new[] { "mon" }, ipmi_url = urls[i - 1], credential = "sim" }).ToArray());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await scenario.WaitForScheduleAsync();
        return scenario;
    }

    /// <summary>
    /// Stops the service (gracefully: the sample writer flushes) and starts a new one on the same data directory —
    /// the same nodes, credentials, history, events and cursors — then waits for its collector to schedule them.
    /// </summary>
    public async Task RestartServiceAsync()
    {
        Admin.Dispose();
        Host.KeepData = true;
        var data = Host.DataDirectory;
        await Host.DisposeAsync();
        Host = await ServerHost.StartAsync(Clock, fakeFleet: false, settings: _settings, dataDirectory: data);
        Admin = Host.Client(await Host.LoginAsync("admin", ServerHost.AdminPassword));
        await WaitForScheduleAsync();
    }

    /// <summary>The collector has picked up the nodes (it reads the inventory every 10 s of the fake clock).</summary>
    private async Task WaitForScheduleAsync()
    {
        Clock.Advance(TimeSpan.FromSeconds(11));
        await WaitUntilAsync(() => Service.Scheduled >= 2 * NodeCount, $"the collector scheduled {Service.Scheduled} polls, not {2 * NodeCount}");
        await WaitQuietAsync();
    }

    /// <summary>One poll interval: the clock moves, every node is polled (sensors and events), the pipeline settles.</summary>
    public async Task StepAsync(int steps = 1)
    {
        for (int i = 0; i < steps; i++)
        {
            var before = Enumerable.Range(1, NodeCount).Select(n => States.Get(Name(n))).Select(s => (s.SensorPolls, s.EventPolls)).ToArray();
            Clock.Advance(Interval);
            Steps++;
            await WaitUntilAsync(() => Enumerable.Range(1, NodeCount).All(n =>
            {
                var s = States.Get(Name(n));
                return s.SensorPolls > before[n - 1].SensorPolls && s.EventPolls > before[n - 1].EventPolls;
            }), $"step {Steps}: not every node was polled");
            await WaitQuietAsync();
        }
    }

    /// <summary>Waits until no poll is in flight and the sample writer has flushed.</summary>
    public async Task WaitQuietAsync()
    {
        await WaitUntilAsync(() => Service.InFlight == 0, "polls still in flight");
        Clock.Advance(TimeSpan.FromSeconds(1)); // the writer batches for one second
        await Task.Delay(50);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(what);
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Webhook.DisposeAsync();
        if (Redfish is not null)
        {
            await Redfish.DisposeAsync();
        }
        await Fleet.DisposeAsync();
    }
}

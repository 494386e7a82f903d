using System.Text.Json;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Interop.Tests.Cli;

/// <summary>A simulated fleet in this process with IPMI and HTTPS Redfish faces over the same models.</summary>
public sealed class RedfishCliFleetFixture : IAsyncLifetime
{
    public const string Password = "e2e-redfish-9";
    public const int Subnet = 66;

    public SimulatedFleet Fleet { get; private set; } = null!;
    public RedfishFace Redfish { get; private set; } = null!;
    public int IpmiPort { get; } = 23000 + Environment.ProcessId % 1000;
    public int RedfishPort { get; } = 24000 + Environment.ProcessId % 1000;

    /// <summary>A private config home, so trust-on-first-use never touches the user's known_bmcs.</summary>
    public string ConfigHome { get; } = Directory.CreateTempSubdirectory("lifeline-e2e-redfish-").FullName;

    public async Task InitializeAsync()
    {
        (Fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 4, // node 4: sel clear, bmc info, identify, then bmc reset (it stays away a while)
            Seed = 5,
            Password = Password,
            Placement = new SimulatorPlacement(PortBase: IpmiPort, Subnet: Subnet),
            Defaults = BmcOptions.Default with { Timings = PowerTimings.Default with { PowerOnDelay = TimeSpan.Zero } },
        });
        Redfish = await RedfishFace.StartAsync(Fleet, new RedfishFaceOptions
        {
            Placement = new SimulatorPlacement(PortBase: RedfishPort, Subnet: Subnet),
            UpdateTaskDuration = TimeSpan.FromSeconds(1),
        }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Redfish.DisposeAsync();
        await Fleet.DisposeAsync();
        Directory.Delete(ConfigHome, recursive: true);
    }

    public string Fingerprint => Redfish.CertificateFingerprint!;

    public string RedfishUrl(int node) => $"redfish://admin@{Redfish[node].EndPoint.Address}:{Redfish[node].EndPoint.Port}";

    public string IpmiUrl(int node) => $"ipmi://admin@{Fleet.Nodes[node].IpmiEndPoint.Address}:{IpmiPort}";

    public string Node(int node) => $"{Redfish[node].EndPoint.Address}:{Redfish[node].EndPoint.Port}";
}

/// <summary>
/// The real `lifeline` executable against simulated BMCs over HTTPS Redfish: every verb checked in the BMC model,
/// certificate pinning and refusal, and one command mixing ipmi:// and redfish:// targets.
/// </summary>
public sealed class LifelineRedfishEndToEndTests(RedfishCliFleetFixture fixture) : IClassFixture<RedfishCliFleetFixture>
{
    private static readonly string Lifeline = Path.Combine(AppContext.BaseDirectory, "lifeline.dll");

    private async Task<ProcessResult> RunAsync(params string[] args)
    {
        var dotnet = ProcessRunner.Dotnet;
        return await ProcessRunner.RunAsync(dotnet, [Lifeline, .. args], TimeSpan.FromSeconds(90), new Dictionary<string, string>
        {
            ["LIFELINE_BMC_PASSWORD"] = RedfishCliFleetFixture.Password,
            ["XDG_CONFIG_HOME"] = fixture.ConfigHome,
        });
    }

    /// <summary>Runs a verb on one node, pinned to the face's certificate.</summary>
    private Task<ProcessResult> PinnedAsync(int node, params string[] args) =>
        RunAsync([.. args, "--bmc", fixture.RedfishUrl(node), "--pin", fixture.Fingerprint]);

    private static void AssertOk(ProcessResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    private static JsonElement Json(ProcessResult r)
    {
        AssertOk(r);
        return JsonDocument.Parse(r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).RootElement;
    }

    [Fact]
    public async Task PowerStatusOffAndOnFollowTheModel()
    {
        var model = fixture.Fleet.Nodes[0].Model;
        AssertOk(await PinnedAsync(0, "power", "off"));
        Assert.False(model.IsPoweredOn);
        var status = await PinnedAsync(0, "power", "status");
        AssertOk(status);
        Assert.Equal($"{fixture.Node(0)}: off", status.StandardOutput.Trim());
        AssertOk(await PinnedAsync(0, "power", "on"));
        Assert.True(model.IsPoweredOn);
        Assert.Equal("on", Json(await PinnedAsync(0, "power", "status", "-o", "json")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task BootPxePersistentEfiReachesTheModelsBootFlags()
    {
        var model = fixture.Fleet.Nodes[1].Model;
        var set = await PinnedAsync(1, "boot", "pxe", "--persistent", "--efi");
        AssertOk(set);
        Assert.Equal(BootDevice.Pxe, model.BootFlags.Device);
        Assert.True(model.BootFlags.Persistent);
        Assert.True(model.BootFlags.Efi);
        var boot = Json(await PinnedAsync(1, "boot", "status", "-o", "json")).GetProperty("boot");
        Assert.Equal("pxe", boot.GetProperty("device").GetString());
        Assert.True(boot.GetProperty("persistent").GetBoolean());
        Assert.True(boot.GetProperty("efi").GetBoolean());
        AssertOk(await PinnedAsync(1, "boot", "none"));
    }

    [Fact]
    public async Task SensorsSelAndInventoryReadTheModel()
    {
        var sensors = Json(await PinnedAsync(2, "sensors", "-o", "json")).GetProperty("sensors");
        var names = sensors.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToHashSet();
        Assert.Contains(fixture.Fleet.Nodes[2].Model.Sensors.Sensors.First(s => s.Name.Contains("Temp", StringComparison.Ordinal)).Name, names);

        AssertOk(await PinnedAsync(2, "power", "cycle"));
        var sel = Json(await PinnedAsync(2, "sel", "list", "-o", "json"));
        Assert.True(sel.GetProperty("ok").GetBoolean());
        Assert.True(sel.GetProperty("events").GetArrayLength() > 0, sel.ToString());

        var inventory = await PinnedAsync(2, "inventory");
        AssertOk(inventory);
        Assert.Contains("product manufacturer:", inventory.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("firmware BMC:", inventory.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirmwareListAndUpdateByUrlChangeTheModelsVersion()
    {
        var model = fixture.Fleet.Nodes[1].Model;
        var list = Json(await PinnedAsync(1, "firmware", "list", "-o", "json")).GetProperty("firmware");
        Assert.Contains(list.EnumerateArray(), f => f.GetProperty("version").GetString() == model.FirmwareVersion);

        var update = await PinnedAsync(1, "firmware", "update", "--image", "http://repo.example/bmc-7.42.bin");
        AssertOk(update);
        Assert.Contains("update completed", update.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("7.42", model.FirmwareVersion);
    }

    [Fact]
    public async Task BiosSetIsPendingAndBiosGetShowsIt()
    {
        var set = await PinnedAsync(0, "bios", "set", "ProcTurboMode=Disabled");
        AssertOk(set);
        Assert.Contains("pending until the next reset", set.StandardOutput, StringComparison.Ordinal);
        var get = await PinnedAsync(0, "bios", "get", "ProcTurboMode");
        AssertOk(get);
        Assert.Contains("Enabled (pending: Disabled at the next reset)", get.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaInsertThenEject()
    {
        var insert = await PinnedAsync(2, "media", "insert", "http://repo.example/boot.iso");
        AssertOk(insert);
        Assert.Contains("http://repo.example/boot.iso inserted", insert.StandardOutput, StringComparison.Ordinal);
        var eject = await PinnedAsync(2, "media", "eject");
        AssertOk(eject);
        Assert.Contains("ejected", eject.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureWorksAndWarns()
    {
        var r = await RunAsync("power", "status", "--bmc", fixture.RedfishUrl(2), "--insecure");
        AssertOk(r);
        Assert.Contains("WARNING: --insecure", r.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPinIsRefusedAsAnUntrustedCertificate()
    {
        var r = await RunAsync("power", "status", "--bmc", fixture.RedfishUrl(0), "--pin", new string('0', 64), "-o", "json");
        Assert.Equal(1, r.ExitCode);
        var line = JsonDocument.Parse(r.StandardOutput.Trim()).RootElement;
        Assert.Equal("untrusted-certificate", line.GetProperty("error").GetProperty("category").GetString());
    }

    [Fact]
    public async Task AMixedBmcFileAnswersPowerStatusOverBothProtocols()
    {
        var file = Path.Combine(fixture.ConfigHome, "mixed.txt");
        await File.WriteAllLinesAsync(file, [fixture.IpmiUrl(0), fixture.IpmiUrl(1), fixture.RedfishUrl(0), fixture.RedfishUrl(1)]);
        var r = await RunAsync("power", "status", "--bmc-file", file, "--pin", fixture.Fingerprint, "-o", "json");
        AssertOk(r);
        var lines = r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));
        Assert.Contains(lines, l => l.GetProperty("node").GetString() == fixture.Node(0));
        Assert.Contains(lines, l => l.GetProperty("node").GetString() == $"{fixture.Fleet.Nodes[0].IpmiEndPoint.Address}:{fixture.IpmiPort}");
    }

    [Fact]
    public async Task EventsWatchPrintsAPowerChangeAsOneJsonObjectWithItsNode()
    {
        var node = fixture.Redfish[2];
        var watch = PinnedAsync(2, "events", "watch", "--count", "1", "--seconds", "60", "-o", "json");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (node.EventStreamCount == 0)
        {
            Assert.True(DateTime.UtcNow < until, "lifeline events watch: the SSE stream of node 3 did not open within 30 s");
            await Task.Delay(50);
        }

        var model = fixture.Fleet.Nodes[2].Model;
        if (model.IsPoweredOn)
        {
            model.PowerOff();
        }
        else
        {
            model.PowerOn();
        }

        var r = await watch;
        AssertOk(r);
        var line = JsonDocument.Parse(r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).RootElement;
        Assert.Equal(fixture.Node(2), line.GetProperty("node").GetString());
        Assert.False(string.IsNullOrEmpty(line.GetProperty("event").GetProperty("message").GetString()));
        model.PowerOn();
    }

    [Fact]
    public async Task SelClearBmcInfoIdentifyAndBmcResetReachTheModel()
    {
        var model = fixture.Fleet.Nodes[3].Model;
        model.ForceSensorValue(global::Lifeline.Simulator.Model.SensorNumbers.Cpu1Temp, 97);
        model.ClearForcedSensorValue(global::Lifeline.Simulator.Model.SensorNumbers.Cpu1Temp);
        Assert.True(model.GetSelEntries().Length > 1);
        AssertOk(await PinnedAsync(3, "sel", "clear"));
        Assert.True(model.GetSelEntries().Length <= 1, "only the BMC's own 'log cleared' entry may remain");
        var info = Json(await PinnedAsync(3, "bmc", "info", "-o", "json")).GetProperty("bmc");
        Assert.Equal(model.FirmwareVersion, info.GetProperty("firmware_version").GetString());
        AssertOk(await PinnedAsync(3, "identify", "--force"));
        Assert.NotEqual(global::Lifeline.Simulator.Model.ChassisIdentifyState.Off, model.IdentifyState);
        int epoch = model.BmcEpoch;
        AssertOk(await PinnedAsync(3, "bmc", "reset", "--cold"));
        Assert.Equal(epoch + 1, model.BmcEpoch);
    }
}

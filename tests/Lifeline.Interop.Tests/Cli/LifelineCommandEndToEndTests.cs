using System.Text.Json;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.Cli;

/// <summary>A simulated fleet in this process, driven by the real `lifeline` executable over real UDP.</summary>
public sealed class SimulatedFleetFixture : IAsyncLifetime
{
    public const string Password = "e2e-secret-7";
    public SimulatedFleet Fleet { get; private set; } = null!;
    public int PortBase { get; } = 20000 + Environment.ProcessId % 2000;

    public Task InitializeAsync()
    {
        (Fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 5, // node 5 is cold-reset by one test and stays silent for a while
            Seed = 11,
            Password = Password,
            Placement = new SimulatorPlacement(PortBase: PortBase, Subnet: 63),
            Defaults = BmcOptions.Default with { Timings = PowerTimings.Default with { PowerOnDelay = TimeSpan.Zero } },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Fleet.DisposeAsync();

    public string Url(int node) => $"ipmi://admin@{Fleet.Nodes[node].IpmiEndPoint.Address}:{PortBase}";
}

/// <summary>
/// Every verb of `lifeline` end to end: the executable as an operator runs it, the password from
/// LIFELINE_BMC_PASSWORD, checked against the simulated BMC's model.
/// </summary>
public sealed class LifelineCommandEndToEndTests(SimulatedFleetFixture fixture) : IClassFixture<SimulatedFleetFixture>
{
    private static readonly string Lifeline = Path.Combine(AppContext.BaseDirectory, "lifeline.dll");

    private async Task<ProcessResult> RunWithPasswordAsync(string password, params string[] args)
    {
        var dotnet = ProcessRunner.Dotnet;
        return await ProcessRunner.RunAsync(dotnet, [Lifeline, .. args], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["LIFELINE_BMC_PASSWORD"] = password, ["XDG_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "lifeline-e2e-cache") });
    }

    private Task<ProcessResult> RunAsync(params string[] args) => RunWithPasswordAsync(SimulatedFleetFixture.Password, args);

    private static void AssertOk(ProcessResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    private static JsonElement Json(ProcessResult r)
    {
        AssertOk(r);
        return JsonDocument.Parse(r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).RootElement;
    }

    private string Range => $"ipmi://admin@127.0.63.[1-4]:{fixture.PortBase}";

    [Fact]
    public async Task PowerStatusOffAndOnFollowTheModel()
    {
        var model = fixture.Fleet.Nodes[1].Model;
        var off = await RunAsync("power", "off", "--bmc", fixture.Url(1));
        AssertOk(off);
        Assert.False(model.IsPoweredOn);
        var status = await RunAsync("power", "status", "--bmc", Range);
        AssertOk(status);
        Assert.Contains($"127.0.63.2:{fixture.PortBase}: off", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"127.0.63.[1,3-4]:{fixture.PortBase}: on", status.StandardOutput, StringComparison.Ordinal);
        AssertOk(await RunAsync("power", "on", "--bmc", fixture.Url(1)));
        var json = Json(await RunAsync("power", "status", "--bmc", fixture.Url(1), "-o", "json"));
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(model.IsPoweredOn ? "on" : "off", json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task BootOverrideIsSetAndReadBack()
    {
        var r = await RunAsync("boot", "pxe", "--persistent", "--efi", "--bmc", fixture.Url(0));
        AssertOk(r);
        var flags = fixture.Fleet.Nodes[0].Model.BootFlags;
        Assert.True(flags.Valid && flags.Persistent && flags.Efi);
        Assert.Equal("Pxe", flags.Device.ToString());
        var status = Json(await RunAsync("boot", "status", "--bmc", fixture.Url(0), "-o", "json"));
        var boot = status.GetProperty("boot");
        Assert.Equal("pxe", boot.GetProperty("device").GetString());
        Assert.True(boot.GetProperty("persistent").GetBoolean());
        Assert.True(boot.GetProperty("efi").GetBoolean());
    }

    [Fact]
    public async Task SensorsListEverySensorOfTheModelWithValuesAndStatus()
    {
        var json = Json(await RunAsync("sensors", "--bmc", fixture.Url(2), "-o", "json"));
        var sensors = json.GetProperty("sensors").EnumerateArray().ToList();
        var names = sensors.Select(s => s.GetProperty("name").GetString()).ToHashSet();
        // every threshold sensor has a reading (event-only sensors like System Boot have none, as in ipmitool sdr list)
        foreach (var definition in fixture.Fleet.Nodes[2].Model.Sensors.Sensors.Where(d => d.ReadingType == EventReadingType.Threshold))
        {
            Assert.Contains(definition.Name, names);
        }
        var cpu = sensors.Single(s => s.GetProperty("name").GetString() == "CPU1 Temp");
        Assert.Equal("degrees C", cpu.GetProperty("unit").GetString());
        Assert.InRange(cpu.GetProperty("value").GetDouble(), 15, 95);
        Assert.Equal("ok", cpu.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SelShowsAForcedThresholdCrossingAndClears()
    {
        var model = fixture.Fleet.Nodes[3].Model;
        model.ForceSensorValue(SensorNumbers.Cpu1Temp, 97);
        var json = Json(await RunAsync("sel", "list", "--bmc", fixture.Url(3), "-o", "json"));
        var events = json.GetProperty("events").EnumerateArray().ToList();
        var critical = events.First(e => e.GetProperty("message").GetString()!.Contains("Upper Critical going high", StringComparison.Ordinal));
        Assert.Equal("CPU1 Temp", critical.GetProperty("sensor").GetString()!.Split(' ', 2)[1]);
        Assert.Equal("critical", critical.GetProperty("severity").GetString());
        Assert.True(critical.GetProperty("timestamp").ValueKind == JsonValueKind.String);
        model.ClearForcedSensorValue(SensorNumbers.Cpu1Temp);
        var clear = await RunAsync("sel", "clear", "--bmc", fixture.Url(3));
        AssertOk(clear);
        Assert.True(model.GetSelEntries().Length <= 1, "only the BMC's own 'log cleared' entry may remain");
    }

    [Fact]
    public async Task InventoryAndBmcInfoMatchTheModel()
    {
        var model = fixture.Fleet.Nodes[0].Model;
        var inventory = Json(await RunAsync("inventory", "--bmc", fixture.Url(0), "-o", "json")).GetProperty("inventory");
        Assert.Equal(model.Fru.Product.SerialNumber, inventory.GetProperty("product").GetProperty("serial_number").GetString());
        Assert.Equal(model.Fru.Board.Manufacturer, inventory.GetProperty("board").GetProperty("manufacturer").GetString());
        Assert.Equal("127.0.63.1", inventory.GetProperty("lan").GetProperty("ip_address").GetString());
        var info = Json(await RunAsync("bmc", "info", "--bmc", fixture.Url(0), "-o", "json"));
        Assert.Equal(model.Identity.ProductId, info.GetProperty("bmc").GetProperty("product_id").GetInt32());
    }

    [Fact]
    public async Task IdentifyRawDiscoverAndColdResetReachTheBmc()
    {
        var model = fixture.Fleet.Nodes[2].Model;
        AssertOk(await RunAsync("identify", "--seconds", "30", "--bmc", fixture.Url(2)));
        Assert.Equal(ChassisIdentifyState.TimedOn, model.IdentifyState);
        var raw = Json(await RunAsync("raw", "0x06", "0x01", "--bmc", fixture.Url(2), "-o", "json")).GetProperty("raw");
        Assert.Equal(0, raw.GetProperty("completion_code").GetInt32());
        var discover = await RunAsync("discover", "127.0.63.[1-4]", "--port", fixture.PortBase.ToString(), "-o", "json");
        Assert.Equal(4, discover.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"responded\":true", StringComparison.Ordinal)));
        var rebooting = fixture.Fleet.Nodes[4].Model;
        int epoch = rebooting.BmcEpoch;
        var reset = await RunAsync("bmc", "reset", "--cold", "--bmc", fixture.Url(4), "--timeout", "2", "--retries", "1");
        AssertOk(reset);
        Assert.Equal(epoch + 1, rebooting.BmcEpoch);
        Assert.False(rebooting.IsBmcAvailable);
    }

    [Fact]
    public async Task AWrongPasswordIsOneFailedNodeAndNoPasswordOptionExists()
    {
        var bad = await RunWithPasswordAsync("not-the-password", "power", "status", "--bmc", fixture.Url(0));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad-password", bad.StandardOutput + bad.StandardError, StringComparison.Ordinal);
        var usage = await RunAsync("power", "status", "--bmc", fixture.Url(0), "--password", "x");
        Assert.Equal(2, usage.ExitCode);
    }
}

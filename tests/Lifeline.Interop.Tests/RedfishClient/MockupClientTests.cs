using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Redfish;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;
using Xunit.Abstractions;
using Client = Lifeline.Redfish.RedfishClient;

namespace Lifeline.Interop.Tests.RedfishClient;

/// <summary>What each mockup holds, counted from its files independently of our client.</summary>
public sealed record MockupExpectations
{
    public required PowerState InitialPower { get; init; }
    public string? Model { get; init; }
    public string? SerialNumber { get; init; }
    public required int LegacySensors { get; init; }
    public required int SensorModelSensors { get; init; }
    public required int LogServices { get; init; }
    public required int LogEntries { get; init; }
    public int? FirmwareComponents { get; init; }
    public required int Accounts { get; init; }
    public int? Subscriptions { get; init; }
    public required int VirtualMedia { get; init; }
    public required bool ManagerReset { get; init; }
    public Health? Health { get; init; }
    public required int MinimumCrawled { get; init; }
}

/// <summary>
/// Our client against one mockup served by the independent mockup server over plain HTTP (redfish+http://), with
/// session authentication, allowable-value checks and If-Match enforced by the server. One server per test class.
/// </summary>
public abstract class MockupClientTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : MockupServer
{
    protected abstract MockupExpectations Expected { get; }

    private Client NewClient(RedfishAuthMode auth = RedfishAuthMode.Session)
    {
        server.Require();
        return new Client(server.Options(auth));
    }

    [SkippableFact]
    public async Task ASessionIsOpenedOnceAndDeletedOnDispose()
    {
        Uri? session;
        var before = server.CountRequests("POST", "/Sessions");
        await using (var client = NewClient())
        {
            var bmc = new RedfishBmc(client);
            await bmc.GetPowerStateAsync();
            await bmc.GetBootOverrideAsync();
            session = client.SessionUri;
        }
        Assert.NotNull(session);
        Assert.Equal(before + 1, server.CountRequests("POST", "/Sessions"));
        Assert.Equal(1, server.CountRequests("DELETE", session!.AbsolutePath + " "));
    }

    [SkippableFact]
    public async Task AWrongPasswordIsUnauthorized()
    {
        server.Require();
        await using var client = new Client(server.Options() with { Password = "not-the-password" });
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).GetPowerStateAsync());
        Assert.Equal(RedfishError.Unauthorized, e.Error);
    }

    [SkippableFact]
    public async Task BasicAuthWorksWhenChosen()
    {
        var sessions = server.CountRequests("POST", "/Sessions");
        await using var client = NewClient(RedfishAuthMode.Basic);
        Assert.NotEqual(PowerState.Unknown, await new RedfishBmc(client).GetPowerStateAsync());
        Assert.Equal(sessions, server.CountRequests("POST", "/Sessions"));
    }

    [SkippableFact]
    public async Task PowerStateIsReadAndResetMovesItOffAndOnAgain()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var initial = await bmc.GetPowerStateAsync();
        Assert.True(initial == Expected.InitialPower || initial is PowerState.On or PowerState.Off, $"power state {initial}");
        Assert.Equal([ResetType.ForceOff], await bmc.PowerAsync(PowerCommand.Off));
        Assert.Equal(PowerState.Off, await bmc.GetPowerStateAsync());
        Assert.Equal([ResetType.On], await bmc.PowerAsync(PowerCommand.On));
        Assert.Equal(PowerState.On, await bmc.GetPowerStateAsync());
        var cycle = await bmc.PowerAsync(PowerCommand.Cycle);
        output.WriteLine($"cycle sent {string.Join(" + ", cycle)}");
        Assert.Equal(PowerState.On, await bmc.GetPowerStateAsync());
    }

    [SkippableFact]
    public async Task AResetTypeTheServiceDoesNotAllowIsRefusedByOurClientBeforeSending()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var system = await bmc.GetSystemAsync();
        var action = Lifeline.Redfish.Actions.RedfishAction.Find(system, "ComputerSystem.Reset")!;
        var allowed = await client.GetAllowableValuesAsync(action, "ResetType");
        Assert.NotNull(allowed);
        var disallowed = Enum.GetValues<ResetType>().First(t => t != ResetType.Unknown && !allowed!.Contains(t.ToString()));
        var posts = server.CountRequests("POST", "ComputerSystem.Reset");
        var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.ResetAsync(system, disallowed));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.Equal(allowed, e.AllowedValues);
        Assert.Equal(posts, server.CountRequests("POST", "ComputerSystem.Reset"));
        output.WriteLine($"{disallowed} refused locally; allowed: {string.Join(", ", allowed!)}");
    }

    [SkippableFact]
    public async Task BootOverrideIsReadAndSetWithIfMatchAndAStaleETagIsRefusedByTheServer()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var before = await bmc.GetBootOverrideAsync();
        Assert.NotEqual(BootSource.Unknown, before.Target);
        Assert.NotNull(before.ETag);
        await bmc.SetBootOverrideAsync(BootSource.Pxe, persistent: false);
        var after = await bmc.GetBootOverrideAsync();
        Assert.Equal((BootSource.Pxe, BootSourceOverrideEnabled.Once), (after.Target, after.Enabled));
        await bmc.SetBootOverrideAsync(BootSource.Hdd, persistent: true);
        after = await bmc.GetBootOverrideAsync();
        Assert.Equal((BootSource.Hdd, BootSourceOverrideEnabled.Continuous), (after.Target, after.Enabled));
        Assert.NotEqual(before.ETag, after.ETag);

        var system = await bmc.GetSystemAsync();
        var e = await Assert.ThrowsAsync<RedfishException>(() =>
            client.PatchAsync(system.ODataId!, new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = "Cd" } }, before.ETag));
        Assert.Equal(RedfishError.Rejected, e.Error);
        Assert.Equal(412, e.StatusCode);
        Assert.EndsWith("PreconditionFailed", e.MessageId, StringComparison.Ordinal);
        Assert.Equal(BootSource.Hdd, (await bmc.GetBootOverrideAsync()).Target);
    }

    [SkippableFact]
    public async Task SensorsAreReadFromBothModelsAndNormalised()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var legacy = await bmc.ReadSensorsAsync(SensorModel.Legacy);
        var modern = await bmc.ReadSensorsAsync(SensorModel.Sensors);
        var auto = await bmc.ReadSensorsAsync();
        Assert.Equal(Expected.LegacySensors, legacy.Count);
        Assert.Equal(Expected.SensorModelSensors, modern.Count);
        Assert.Equal(Expected.SensorModelSensors > 0 ? modern.Count : legacy.Count, auto.Count);
        foreach (var s in auto.Take(8))
        {
            output.WriteLine($"{s.Chassis}/{s.Name}: {s.Kind} {s.Value} {s.Unit} {s.Status}");
        }
        Assert.All(auto, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        if (auto.Count > 1)
        {
            Assert.Contains(auto, s => s.Kind == SensorKind.Temperature && s.Value is not null && s.Unit == "Cel");
        }
    }

    [SkippableFact]
    public async Task HealthIsRolledUpWithTheFailingMembersNamed()
    {
        await using var client = NewClient();
        var report = await new RedfishBmc(client).GetHealthAsync();
        output.WriteLine($"overall {report.Overall}; failing: {string.Join("; ", report.Failing)}");
        Assert.NotEqual(Health.Unknown, report.Overall);
        if (Expected.Health is { } h)
        {
            Assert.Equal(h, report.Overall);
        }
        Assert.Equal(report.Overall != Health.OK, report.Failing.Count > 0);
    }

    [SkippableFact]
    public async Task LogServicesAndEveryEntryAreListedAndReadIncrementally()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var services = await bmc.ListLogServicesAsync();
        Assert.Equal(Expected.LogServices, services.Count);
        var total = 0;
        foreach (var service in services)
        {
            var all = await bmc.ReadLogEntriesAsync(service);
            total += all.Entries.Count;
            Assert.Empty((await bmc.ReadLogEntriesAsync(service, all.Cursor)).Entries);
            if (all.Entries.Count > 10)
            {
                var middle = all.Entries[all.Entries.Count - 10];
                var newer = await bmc.ReadLogEntriesAsync(service, new LogCursor(middle.Id, middle.CreatedTime));
                Assert.Equal(9, newer.Entries.Count);
                Assert.Equal(all.Entries[^1].Id, newer.Entries[^1].Id);
            }
            output.WriteLine($"{service.ODataId}: {all.Entries.Count} entries");
        }
        Assert.Equal(Expected.LogEntries, total);
    }

    [SkippableFact]
    public async Task FirmwareInventoryIsListed()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        if (Expected.FirmwareComponents is not { } count)
        {
            Assert.Equal(RedfishError.NotSupported, (await Assert.ThrowsAsync<RedfishException>(() => bmc.GetFirmwareInventoryAsync())).Error);
            return;
        }
        var firmware = await bmc.GetFirmwareInventoryAsync();
        Assert.Equal(count, firmware.Count);
        Assert.All(firmware, f => Assert.False(string.IsNullOrEmpty(f.Version)));
        output.WriteLine(string.Join("\n", firmware));
    }

    [SkippableFact]
    public async Task TheSystemInventoryIsRead()
    {
        await using var client = NewClient();
        var inventory = await new RedfishBmc(client).GetInventoryAsync();
        Assert.Equal(Expected.Model, inventory.Model);
        Assert.Equal(Expected.SerialNumber, inventory.SerialNumber);
        output.WriteLine($"{inventory.Manufacturer} {inventory.Model} {inventory.SerialNumber} BIOS {inventory.BiosVersion}: "
            + $"{inventory.Processors.Count} CPUs, {inventory.Memory.Count} DIMMs, {inventory.Drives.Count} drives, {inventory.Nics.Count} NICs, {inventory.Firmware.Count} firmware");
    }

    [SkippableFact]
    public async Task AccountsAndEventSubscriptionsAreListed()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        Assert.Equal(Expected.Accounts, (await bmc.ListAccountsAsync()).Count);
        if (Expected.Subscriptions is { } subs)
        {
            Assert.Equal(subs, (await bmc.ListSubscriptionsAsync()).Count);
        }
        else
        {
            Assert.Equal(RedfishError.NotSupported, (await Assert.ThrowsAsync<RedfishException>(() => bmc.ListSubscriptionsAsync())).Error);
        }
    }

    [SkippableFact]
    public async Task VirtualMediaIsFoundWhereverItLivesAndInsertedAndEjected()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        var devices = await bmc.ListVirtualMediaAsync();
        Assert.Equal(Expected.VirtualMedia, devices.Count);
        if (devices.Count == 0)
        {
            Assert.Equal(RedfishError.NotSupported, (await Assert.ThrowsAsync<RedfishException>(() => bmc.InsertMediaAsync("http://192.0.2.1/boot.iso"))).Error);
            return;
        }
        var ejected = await bmc.EjectMediaAsync();
        Assert.All(await bmc.ListVirtualMediaAsync(), d => Assert.NotEqual(true, d.Inserted));
        var inserted = await bmc.InsertMediaAsync("http://192.0.2.1/boot.iso");
        Assert.True(inserted.Inserted);
        Assert.Equal("http://192.0.2.1/boot.iso", inserted.Image);
        Assert.Equal(1, await bmc.EjectMediaAsync());
        output.WriteLine($"ejected {ejected} at start; inserted into {inserted.ODataId}");
    }

    [SkippableFact]
    public async Task TheManagerIsResetWhenItOffersTheAction()
    {
        await using var client = NewClient();
        var bmc = new RedfishBmc(client);
        if (!Expected.ManagerReset)
        {
            Assert.Equal(RedfishError.NotSupported, (await Assert.ThrowsAsync<RedfishException>(() => bmc.ResetManagerAsync())).Error);
            return;
        }
        var posts = server.CountRequests("POST", "Manager.Reset");
        Assert.Equal(ResetType.GracefulRestart, await bmc.ResetManagerAsync());
        // the server's access log arrives on its stderr a moment after the answer: wait for the line (5 s at most)
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); server.CountRequests("POST", "Manager.Reset") < posts + 1 && waited.Elapsed < TimeSpan.FromSeconds(5);)
        {
            await Task.Delay(20);
        }
        Assert.Equal(posts + 1, server.CountRequests("POST", "Manager.Reset"));
    }

    [SkippableFact]
    public async Task EveryReachableResourceIsCrawledAndDeserializedWithoutAnUnhandledException()
    {
        await using var client = NewClient();
        var queue = new Queue<string>(["/redfish/v1"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/redfish/v1" };
        int typed = 0, generic = 0, missing = 0, foreign = 0;
        var refused = new List<string>();
        var links = new List<string>();
        while (queue.Count > 0 && seen.Count < 5000)
        {
            var path = queue.Dequeue();
            RedfishResource resource;
            try
            {
                resource = await client.GetResourceAsync(path);
            }
            catch (RedfishException e) when (e.StatusCode == 404)
            {
                missing++;
                continue;
            }
            catch (RedfishException e)
            {
                refused.Add($"{path}: {e.Error} {e.Message}");
                continue;
            }
            if (resource.GetType() == typeof(RedfishResource))
            {
                generic++;
            }
            else
            {
                typed++;
            }
            links.Clear();
            CollectLinks(resource.Raw, links);
            foreach (var link in links)
            {
                var bare = link.Split('#')[0].Split('?')[0];
                if (bare.Length == 0 || bare.EndsWith("$metadata", StringComparison.Ordinal))
                {
                    continue;
                }
                Uri uri;
                try
                {
                    uri = client.Resolve(bare);
                }
                catch (RedfishException)
                {
                    foreign++;
                    continue;
                }
                var p = uri.AbsolutePath.TrimEnd('/');
                if (p.StartsWith("/redfish/v1", StringComparison.Ordinal) && seen.Add(p))
                {
                    queue.Enqueue(p);
                }
            }
        }
        output.WriteLine($"{server.Mockup}: crawled {typed + generic} resources ({typed} typed, {generic} generic), {missing} dangling links (404), {foreign} links to other origins not followed");
        Assert.True(refused.Count == 0, string.Join("\n", refused));
        Assert.InRange(typed + generic, Expected.MinimumCrawled, 5000);
    }

    private static void CollectLinks(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "@odata.id" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        into.Add(p.Value.GetString()!);
                    }
                    else
                    {
                        CollectLinks(p.Value, into);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var v in e.EnumerateArray())
                {
                    CollectLinks(v, into);
                }
                break;
        }
    }
}

public sealed class Rackmount1ClientTests(Rackmount1Server server, ITestOutputHelper output) : MockupClientTests<Rackmount1Server>(server, output)
{
    protected override MockupExpectations Expected => new()
    {
        InitialPower = PowerState.On, Model = "3500", SerialNumber = "437XR1138R2",
        LegacySensors = 9, SensorModelSensors = 41, LogServices = 2, LogEntries = 3, FirmwareComponents = 3,
        Accounts = 1, Subscriptions = 4, VirtualMedia = 3, ManagerReset = true, Health = Lifeline.Redfish.Resources.Health.Warning,
        MinimumCrawled = 250,
    };
}

public sealed class BladedClientTests(BladedServer server, ITestOutputHelper output) : MockupClientTests<BladedServer>(server, output)
{
    protected override MockupExpectations Expected => new()
    {
        InitialPower = PowerState.On, Model = "SX1000", SerialNumber = "529QB9450R6",
        LegacySensors = 15, SensorModelSensors = 0, LogServices = 5, LogEntries = 2, FirmwareComponents = null,
        Accounts = 1, Subscriptions = 1, VirtualMedia = 0, ManagerReset = false,
        MinimumCrawled = 80,
    };
}

public sealed class TelemetryClientTests(TelemetryServer server, ITestOutputHelper output) : MockupClientTests<TelemetryServer>(server, output)
{
    protected override MockupExpectations Expected => new()
    {
        InitialPower = PowerState.On, Model = "Model Name", SerialNumber = "2M220100SL",
        LegacySensors = 44, SensorModelSensors = 0, LogServices = 1, LogEntries = 0, FirmwareComponents = null,
        Accounts = 1, Subscriptions = null, VirtualMedia = 2, ManagerReset = true,
        MinimumCrawled = 75,
    };
}

public sealed class OpenBmcClientTests(OpenBmcServer server, ITestOutputHelper output) : MockupClientTests<OpenBmcServer>(server, output)
{
    protected override MockupExpectations Expected => new()
    {
        InitialPower = PowerState.Off, Model = null, SerialNumber = null,
        LegacySensors = 1, SensorModelSensors = 0, LogServices = 3, LogEntries = 654, FirmwareComponents = 1,
        Accounts = 1, Subscriptions = 0, VirtualMedia = 0, ManagerReset = true,
        MinimumCrawled = 820,
    };
}

/// <summary>BIOS attributes and pending settings on the one mockup that has a settings object.</summary>
public sealed class Rackmount1BiosTests(Rackmount1Server server) : IClassFixture<Rackmount1Server>
{
    [SkippableFact]
    public async Task BiosAttributesAreReadAndChangesGoToTheSettingsObject()
    {
        server.Require();
        await using var client = new Client(server.Options());
        var bmc = new RedfishBmc(client);
        var bios = await bmc.GetBiosAsync();
        Assert.Equal(10, bios.Attributes!.Count);
        Assert.Equal("/redfish/v1/Systems/437XR1138R2/Bios/Settings", bios.Settings!.SettingsObject!.ODataId);
        var written = await bmc.SetBiosAttributesAsync(new Dictionary<string, JsonNode?> { ["ProcTurboMode"] = "Disabled" });
        Assert.Equal("/redfish/v1/Systems/437XR1138R2/Bios/Settings", written);
        var pending = await bmc.GetPendingBiosAsync();
        Assert.Equal("Disabled", pending!.Attributes!["ProcTurboMode"].GetString());
        Assert.Equal("Enabled", (await bmc.GetBiosAsync()).Attributes!["ProcTurboMode"].GetString());
        var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.SetBiosAttributesAsync(new Dictionary<string, JsonNode?> { ["NoSuchKnob"] = 1 }));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.Equal(1, server.CountRequests("PATCH", "/Bios/Settings"));
    }
}

/// <summary>Firmware update by URL (SimpleUpdate) on rackmount1, whose ActionInfo limits TransferProtocol.</summary>
public sealed class Rackmount1FirmwareTests(Rackmount1Server server) : IClassFixture<Rackmount1Server>
{
    [SkippableFact]
    public async Task SimpleUpdateIsSentWithAnAllowedProtocolAndADisallowedOneIsRefusedFirst()
    {
        server.Require();
        await using var client = new Client(server.Options());
        var bmc = new RedfishBmc(client);
        var outcome = await bmc.SimpleUpdateAsync("http://192.0.2.10/bmc-1.2.3.bin", TransferProtocolType.HTTP);
        Assert.Equal(204, outcome.StatusCode);
        Assert.Null(outcome.Task);
        Assert.Equal(1, server.CountRequests("POST", "UpdateService.SimpleUpdate"));
        var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.SimpleUpdateAsync("nfs://192.0.2.10/bmc.bin", TransferProtocolType.NFS));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.Contains("HTTPS", e.AllowedValues);
        Assert.Equal(1, server.CountRequests("POST", "UpdateService.SimpleUpdate"));
    }
}

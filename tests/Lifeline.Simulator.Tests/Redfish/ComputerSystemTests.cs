using System.Net;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Tests.Redfish;

public sealed class ComputerSystemTests
{
    [Fact]
    public async Task TheSystemShowsTheModelsPowerBootAndResetAllowableValues()
    {
        await using var h = await RedfishHarness.StartAsync();
        var system = await h.GetAsync("Systems/1");
        Assert.Equal("On", system["PowerState"]!.GetValue<string>());
        Assert.Equal(h.Model().Fru.Product.SerialNumber, system["SerialNumber"]!.GetValue<string>());
        Assert.Equal("Disabled", system["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>());
        var allowed = system["Actions"]!["#ComputerSystem.Reset"]!["ResetType@Redfish.AllowableValues"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "Nmi", "PowerCycle"], allowed);
        Assert.Contains("Pxe", system["Boot"]!["BootSourceOverrideTarget@Redfish.AllowableValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(2, system["ProcessorSummary"]!["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ResetForceOffAndOnDriveTheModel()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var off = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceOff" });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal(PowerState.Off, h.Model().PowerState);
        Assert.Equal("Off", (await h.GetAsync("Systems/1"))["PowerState"]!.GetValue<string>());

        using var on = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "On" });
        Assert.Equal(HttpStatusCode.NoContent, on.StatusCode);
        Assert.Equal("PoweringOn", (await h.GetAsync("Systems/1"))["PowerState"]!.GetValue<string>());
        h.Clock.Advance(h.Model().Options.Timings.PowerOnDelay);
        Assert.Equal("On", (await h.GetAsync("Systems/1"))["PowerState"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Suspend")]
    [InlineData("forceoff")]
    [InlineData("1")]
    public async Task AResetTypeOutsideTheAllowableValuesIs400AndChangesNothing(string value)
    {
        await using var h = await RedfishHarness.StartAsync();
        using var r = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = value });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("Base.1.16.0.ActionParameterValueNotInList", await RedfishHarness.MessageIdAsync(r));
        Assert.Equal(PowerState.On, h.Model().PowerState);
    }

    [Fact]
    public async Task AResetWhileOffThatNeedsPowerIs409()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Model().PowerOff();
        using var r = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceRestart" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }

    [Fact]
    public async Task BootOverridePatchHonoursIfMatchAndSetsTheModelsBootFlags()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var first = await h.SendAsync(HttpMethod.Get, "Systems/1");
        string etag = first.Headers.ETag!.ToString();
        var patch = new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = "Pxe", ["BootSourceOverrideEnabled"] = "Continuous", ["BootSourceOverrideMode"] = "Legacy" } };
        using var ok = await h.SendAsync(HttpMethod.Patch, "Systems/1", patch, ifMatch: etag);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var flags = h.Model().BootFlags;
        Assert.True(flags.Valid && flags.Persistent && !flags.Efi);
        Assert.Equal(BootDevice.Pxe, flags.Device);

        // the representation changed, so the old ETag is stale now
        using var stale = await h.SendAsync(HttpMethod.Patch, "Systems/1",
            new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = "Hdd" } }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("Base.1.16.0.PreconditionFailed", await RedfishHarness.MessageIdAsync(stale));
        Assert.Equal(BootDevice.Pxe, h.Model().BootFlags.Device);

        var system = await h.GetAsync("Systems/1");
        Assert.Equal("Pxe", system["Boot"]!["BootSourceOverrideTarget"]!.GetValue<string>());
        Assert.Equal("Continuous", system["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>());
        Assert.Equal("Legacy", system["Boot"]!["BootSourceOverrideMode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABootTargetOutsideTheListIs400()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var r = await h.SendAsync(HttpMethod.Patch, "Systems/1", new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = "Tape" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("Base.1.16.0.PropertyValueNotInList", await RedfishHarness.MessageIdAsync(r));
    }

    [Fact]
    public async Task AOnceBootOverrideIsConsumedByTheNextReset()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var set = await h.SendAsync(HttpMethod.Patch, "Systems/1", new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = "Pxe" } });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("Once", (await h.GetAsync("Systems/1"))["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>());
        using var reset = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceRestart" });
        Assert.Equal(BootDevice.Pxe, h.Model().LastBootDevice);
        Assert.Equal("Disabled", (await h.GetAsync("Systems/1"))["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>());
    }

    [Fact]
    public async Task BiosSettingsArePendingUntilTheNextHostReset()
    {
        await using var h = await RedfishHarness.StartAsync();
        var bios = await h.GetAsync("Systems/1/Bios");
        Assert.Equal("Enabled", bios["Attributes"]!["ProcTurboMode"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Systems/1/Bios/Settings", bios["@Redfish.Settings"]!["SettingsObject"]!["@odata.id"]!.GetValue<string>());
        using var patch = await h.SendAsync(HttpMethod.Patch, "Systems/1/Bios/Settings",
            new JsonObject { ["Attributes"] = new JsonObject { ["ProcTurboMode"] = "Disabled" } });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal("Disabled", (await h.GetAsync("Systems/1/Bios/Settings"))["Attributes"]!["ProcTurboMode"]!.GetValue<string>());
        Assert.Equal("Enabled", (await h.GetAsync("Systems/1/Bios"))["Attributes"]!["ProcTurboMode"]!.GetValue<string>());

        h.Model().HardReset(); // any face's reset: here the model's own (as IPMI chassis control would)
        Assert.Equal("Disabled", (await h.GetAsync("Systems/1/Bios"))["Attributes"]!["ProcTurboMode"]!.GetValue<string>());
        Assert.Empty((await h.GetAsync("Systems/1/Bios/Settings"))["Attributes"]!.AsObject());

        using var unknown = await h.SendAsync(HttpMethod.Patch, "Systems/1/Bios/Settings",
            new JsonObject { ["Attributes"] = new JsonObject { ["NoSuchThing"] = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task MalformedJsonIs400MalformedJson()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, h.Url("Systems/1")) { Content = new StringContent("{\"Boot\": ", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = RedfishHarness.Basic();
        using var r = await h.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("Base.1.16.0.MalformedJSON", await RedfishHarness.MessageIdAsync(r));
    }

    [Fact]
    public async Task UnknownResourcesAre404AndWrongMethodsAre405()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var missing = await h.SendAsync(HttpMethod.Get, "Systems/2");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Base.1.16.0.ResourceNotFound", await RedfishHarness.MessageIdAsync(missing));
        using var delete = await h.SendAsync(HttpMethod.Delete, "Chassis/1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Contains("GET", delete.Content.Headers.Allow);
    }
}

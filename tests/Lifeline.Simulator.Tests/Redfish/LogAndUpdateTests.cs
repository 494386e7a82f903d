using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Simulator.Tests.Redfish;

public sealed class LogAndUpdateTests
{
    [Fact]
    public async Task SelEntriesAreTheModelsSelRecordForRecord()
    {
        await using var h = await RedfishHarness.StartAsync();
        var model = h.Model();
        model.PowerOff(); // Power Unit "power off" asserted
        model.ForceSensorValue(SensorNumbers.Cpu1Temp, 92); // three upper thresholds asserted
        var sel = model.GetSelEntries();
        var entries = await h.GetAsync("Systems/1/LogServices/SEL/Entries");
        Assert.Equal(sel.Length, entries["Members@odata.count"]!.GetValue<int>());
        var members = entries["Members"]!.AsArray();
        Assert.Equal(sel.Select(e => e.RecordId.ToString()), members.Select(m => m!["Id"]!.GetValue<string>()));
        var critical = members.Single(m => m!["Message"]!.GetValue<string>().Contains("Upper Critical going high"))!;
        Assert.Equal("Critical", critical["Severity"]!.GetValue<string>());
        Assert.Equal("Temperature", critical["SensorType"]!.GetValue<string>());
        Assert.Equal("SEL", critical["EntryType"]!.GetValue<string>());
        var one = await h.GetAsync(critical["@odata.id"]!.GetValue<string>());
        Assert.Equal(critical["Message"]!.GetValue<string>(), one["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClearLogEmptiesTheModelsSel()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Model().PowerOff();
        Assert.NotEmpty(h.Model().GetSelEntries());
        var service = await h.GetAsync("Systems/1/LogServices/SEL");
        string target = service["Actions"]!["#LogService.ClearLog"]!["target"]!.GetValue<string>();
        using var clear = await h.SendAsync(HttpMethod.Post, target, new JsonObject());
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Empty(h.Model().GetSelEntries());
    }

    [Fact]
    public async Task LongLogsArePagedWithNextLink()
    {
        await using var h = await RedfishHarness.StartAsync();
        for (int i = 0; i < 130; i++)
        {
            h.Model().InjectMemoryError(i % 4);
        }
        var first = await h.GetAsync("Systems/1/LogServices/SEL/Entries");
        Assert.Equal(RedfishNode.LogPageSize, first["Members"]!.AsArray().Count);
        var next = first["Members@odata.nextLink"]!.GetValue<string>();
        var second = await h.GetAsync(next);
        Assert.Equal(130 - RedfishNode.LogPageSize, second["Members"]!.AsArray().Count);
        Assert.Null(second["Members@odata.nextLink"]);
    }

    [Fact]
    public async Task SimpleUpdateRunsATaskThatProgressesAndThenChangesTheFirmwareVersion()
    {
        await using var h = await RedfishHarness.StartAsync(options: new RedfishFaceOptions { UseHttps = false, UpdateTaskDuration = TimeSpan.FromSeconds(4) });
        var model = h.Model();
        string before = model.FirmwareVersion;
        using var start = await h.SendAsync(HttpMethod.Post, "UpdateService/Actions/UpdateService.SimpleUpdate",
            new JsonObject { ["ImageURI"] = "http://127.0.0.1/images/bmc-2.07.bin", ["TransferProtocol"] = "HTTP" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var monitor = start.Headers.Location!.ToString();
        Assert.Contains("/TaskMonitors/", monitor);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        using var running = await h.SendAsync(HttpMethod.Get, monitor);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        var task = await RedfishHarness.BodyAsync(running);
        Assert.Equal("Running", task["TaskState"]!.GetValue<string>());
        Assert.Equal(50, task["PercentComplete"]!.GetValue<int>());
        Assert.Equal(before, model.FirmwareVersion);

        h.Clock.Advance(TimeSpan.FromSeconds(2)); // the task's timer fires: the model changes without anyone looking
        Assert.Equal("2.07", model.FirmwareVersion);
        Assert.Equal(2, model.Identity.FirmwareMajor); // IPMI Get Device ID sees it too
        Assert.Equal(7, model.Identity.FirmwareMinor);
        using var done = await h.SendAsync(HttpMethod.Get, monitor);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Completed", (await RedfishHarness.BodyAsync(done))["TaskState"]!.GetValue<string>());
        Assert.Equal("2.07", (await h.GetAsync("UpdateService/FirmwareInventory/BMC"))["Version"]!.GetValue<string>());
        Assert.Equal("2.07", (await h.GetAsync("Managers/1"))["FirmwareVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMultipartUploadIsAnUpdateTaskToo()
    {
        await using var h = await RedfishHarness.StartAsync();
        var service = await h.GetAsync("UpdateService");
        string push = service["MultipartHttpPushUri"]!.GetValue<string>();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("{\"Targets\":[\"/redfish/v1/Managers/1\"]}", System.Text.Encoding.UTF8, "application/json"), "UpdateParameters");
        var file = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("LIFELINE-BMC-IMAGE version=3.14\n" + new string('x', 10000)));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "UpdateFile", "image.bin");
        using var request = new HttpRequestMessage(HttpMethod.Post, h.Url(push)) { Content = form };
        request.Headers.Authorization = RedfishHarness.Basic();
        using var response = await h.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("3.14", h.Model().FirmwareVersion);
    }

    [Fact]
    public async Task AnInjectedFailureEndsTheTaskInExceptionAndKeepsTheVersion()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Face[0].Faults = RedfishFaults.None with { FailUpdates = true, TaskSlowdown = 3 };
        string before = h.Model().FirmwareVersion;
        using var start = await h.SendAsync(HttpMethod.Post, "UpdateService/Actions/UpdateService.SimpleUpdate",
            new JsonObject { ["ImageURI"] = "http://127.0.0.1/bmc-9.99.bin" });
        var monitor = start.Headers.Location!.ToString();
        h.Clock.Advance(TimeSpan.FromSeconds(8));
        using var still = await h.SendAsync(HttpMethod.Get, monitor);
        Assert.Equal(HttpStatusCode.Accepted, still.StatusCode); // three times slower
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        using var done = await h.SendAsync(HttpMethod.Get, monitor);
        Assert.Equal("Exception", (await RedfishHarness.BodyAsync(done))["TaskState"]!.GetValue<string>());
        Assert.Equal(before, h.Model().FirmwareVersion);
    }

    [Fact]
    public async Task VirtualMediaInsertAndEjectRecordTheImageWithoutFetchingIt()
    {
        await using var h = await RedfishHarness.StartAsync();
        var cd = await h.GetAsync("Managers/1/VirtualMedia/CD");
        Assert.False(cd["Inserted"]!.GetValue<bool>());
        string insert = cd["Actions"]!["#VirtualMedia.InsertMedia"]!["target"]!.GetValue<string>();
        using var r = await h.SendAsync(HttpMethod.Post, insert, new JsonObject { ["Image"] = "http://192.0.2.1/boot.iso" });
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        cd = await h.GetAsync("Managers/1/VirtualMedia/CD");
        Assert.True(cd["Inserted"]!.GetValue<bool>());
        Assert.Equal("boot.iso", cd["ImageName"]!.GetValue<string>());
        using var eject = await h.SendAsync(HttpMethod.Post, cd["Actions"]!["#VirtualMedia.EjectMedia"]!["target"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, eject.StatusCode);
        Assert.Null((await h.GetAsync("Managers/1/VirtualMedia/CD"))["Image"]);
    }
}

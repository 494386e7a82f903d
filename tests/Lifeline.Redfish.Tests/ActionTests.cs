using System.Net;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tasks;
using Lifeline.Redfish.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Redfish.Tests;

public sealed class ActionTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static FakeRedfishHandler System(string actions, string boot = "")
    {
        var fake = new FakeRedfishHandler();
        fake.Json("/redfish/v1/Systems", """{"@odata.type": "#ComputerSystemCollection.ComputerSystemCollection", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}]}""");
        fake.Json("/redfish/v1/Systems/1", $$"""
            {"@odata.id": "/redfish/v1/Systems/1", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "Id": "1", "PowerState": "On",
             "Boot": {"BootSourceOverrideTarget": "None", "BootSourceOverrideEnabled": "Disabled", "BootSourceOverrideMode": "UEFI"{{boot}}},
             "Actions": {{actions}} }
            """);
        fake.Route("POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        return fake;
    }

    private const string InlineReset = """
        {"#ComputerSystem.Reset": {"target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset",
                                   "ResetType@Redfish.AllowableValues": ["On", "ForceOff", "GracefulShutdown"]}}
        """;

    [Fact]
    public async Task ADisallowedResetTypeIsRefusedBeforeAnythingIsSentAndTheAllowedValuesAreNamed()
    {
        var fake = System(InlineReset);
        await using var bmc = new RedfishBmc(fake.Client());
        var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.PowerAsync(PowerCommand.Nmi));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.Equal(["On", "ForceOff", "GracefulShutdown"], e.AllowedValues);
        Assert.Contains("ForceOff", e.NextStep, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Seen, r => r.Method == "POST" && r.Path.Contains("Reset", StringComparison.Ordinal));
        await bmc.Client.DisposeAsync();
    }

    [Fact]
    public async Task AllowableValuesAreReadFromActionInfoWhenNotInline()
    {
        var fake = System("""{"#ComputerSystem.Reset": {"target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", "@Redfish.ActionInfo": "/redfish/v1/Systems/1/ResetActionInfo"}}""");
        fake.Json("/redfish/v1/Systems/1/ResetActionInfo", """
            {"@odata.type": "#ActionInfo.v1_4_2.ActionInfo", "Parameters": [{"Name": "ResetType", "Required": true, "DataType": "String", "AllowableValues": ["ForceOff", "On"]}]}
            """);
        await using var client = fake.Client();
        var bmc = new RedfishBmc(client);
        Assert.Equal([ResetType.ForceOff], await bmc.PowerAsync(PowerCommand.Off));
        var e = await Assert.ThrowsAsync<RedfishException>(() => bmc.PowerAsync(PowerCommand.Reset));
        Assert.Equal(["ForceOff", "On"], e.AllowedValues);
        var post = Assert.Single(fake.Seen, r => r.Method == "POST" && r.Path.EndsWith("ComputerSystem.Reset", StringComparison.Ordinal));
        Assert.Equal("""{"ResetType":"ForceOff"}""", post.Body);
    }

    [Fact]
    public async Task CycleFallsBackToForceOffThenOnWhenPowerCycleIsNotOffered()
    {
        var fake = System(InlineReset);
        await using var client = fake.Client();
        var sent = await new RedfishBmc(client).PowerAsync(PowerCommand.Cycle);
        Assert.Equal([ResetType.ForceOff, ResetType.On], sent);
        Assert.Equal(2, fake.Seen.Count(r => r.Method == "POST" && r.Path.EndsWith("Reset", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMissingActionIsNotSupported()
    {
        var fake = System("{}");
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).PowerAsync(PowerCommand.On));
        Assert.Equal(RedfishError.NotSupported, e.Error);
    }

    [Fact]
    public async Task BootOverrideIsPatchedWithIfMatchCarryingTheETagOfTheGet()
    {
        var fake = System(InlineReset);
        fake.Route("PATCH /redfish/v1/Systems/1", _ => FakeRedfishHandler.JsonResponse(HttpStatusCode.OK, "{}"));
        await using var client = fake.Client();
        var bmc = new RedfishBmc(client);
        var before = await bmc.GetBootOverrideAsync();
        Assert.Equal(BootSource.None, before.Target);
        Assert.Equal(BootSourceOverrideMode.UEFI, before.Mode);
        await bmc.SetBootOverrideAsync(BootSource.Pxe, persistent: false, BootSourceOverrideMode.UEFI);
        var get = fake.SeenWith("GET", "/redfish/v1/Systems/1").Last();
        var patch = Assert.Single(fake.Seen, r => r.Method == "PATCH");
        Assert.NotNull(patch.Header("If-Match"));
        Assert.Equal(before.ETag, patch.Header("If-Match"));
        Assert.Equal("""{"Boot":{"BootSourceOverrideTarget":"Pxe","BootSourceOverrideEnabled":"Once","BootSourceOverrideMode":"UEFI"}}""", patch.Body);
        Assert.NotNull(get);
    }

    [Fact]
    public async Task ABootTargetOutsideTheAllowableValuesIsRefusedBeforeThePatch()
    {
        var fake = System(InlineReset, """, "BootSourceOverrideTarget@Redfish.AllowableValues": ["None", "Pxe", "Hdd"]""");
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).SetBootOverrideAsync(BootSource.Cd));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.Equal(["None", "Pxe", "Hdd"], e.AllowedValues);
        Assert.DoesNotContain(fake.Seen, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task APreconditionFailedPatchIsARejectionWithTheServicesMessage()
    {
        var fake = System(InlineReset);
        fake.Route("PATCH /redfish/v1/Systems/1", _ => FakeRedfishHandler.Error(HttpStatusCode.PreconditionFailed, "Base.1.8.PreconditionFailed",
            "The ETag supplied did not match.", "Try the operation again using the appropriate ETag."));
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).SetBootOverrideAsync(BootSource.Hdd, persistent: true));
        Assert.Equal(RedfishError.Rejected, e.Error);
        Assert.Equal(412, e.StatusCode);
        Assert.Equal("Base.1.8.PreconditionFailed", e.MessageId);
        Assert.Equal(["Try the operation again using the appropriate ETag."], e.Resolutions);
        Assert.Contains("did not match", e.Message, StringComparison.Ordinal);
    }

    private static FakeRedfishHandler TaskService(params string[] monitorAnswers)
    {
        var fake = System(InlineReset);
        fake.Route("POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset", _ =>
        {
            var r = FakeRedfishHandler.JsonResponse(HttpStatusCode.Accepted, """{"@odata.id": "/redfish/v1/TaskService/Tasks/7", "@odata.type": "#Task.v1_7_4.Task", "TaskState": "New"}""");
            r.Headers.Location = new Uri("/redfish/v1/TaskService/TaskMonitors/7", UriKind.Relative);
            return r;
        });
        var i = 0;
        fake.Route("GET /redfish/v1/TaskService/TaskMonitors/7", _ =>
        {
            var body = monitorAnswers[Math.Min(i++, monitorAnswers.Length - 1)];
            var status = body.Contains("\"Running\"", StringComparison.Ordinal) || body.Contains("\"New\"", StringComparison.Ordinal) ? HttpStatusCode.Accepted : HttpStatusCode.OK;
            return FakeRedfishHandler.JsonResponse(status, body);
        });
        return fake;
    }

    // The monitor polls without pause here (TaskPollInterval zero on a fake clock): these tests are about what the
    // task reports, the waits are proven in RetryTests.
    private static Task<T> DriveClock<T>(FakeTimeProvider time, Task<T> work)
    {
        Assert.NotNull(time);
        return work.WaitAsync(Guard);
    }

    [Fact]
    public async Task AnAcceptedActionIsMonitoredToCompletionWithProgress()
    {
        var fake = TaskService(
            """{"@odata.type": "#Task.v1_7_4.Task", "TaskState": "Running", "PercentComplete": 40}""",
            """{"@odata.type": "#Task.v1_7_4.Task", "TaskState": "Running", "PercentComplete": 80}""",
            """{"@odata.type": "#Task.v1_7_4.Task", "TaskState": "Completed", "PercentComplete": 100, "TaskStatus": "OK"}""");
        var time = new FakeTimeProvider();
        await using var client = fake.Client(time: time, tweak: o => o with { TaskPollInterval = TimeSpan.Zero });
        var system = await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        var seen = new List<TaskProgress>();
        var progress = new SyncProgress(seen.Add);
        var outcome = await DriveClock(time, client.InvokeActionAsync(system, "ComputerSystem.Reset", new JsonObject { ["ResetType"] = "On" }, progress));
        Assert.Equal(TaskState.Completed, outcome.Task!.State);
        Assert.Equal("/redfish/v1/TaskService/Tasks/7", outcome.Task.TaskUri);
        Assert.Equal([40, 80, 100], seen.Where(p => p.PercentComplete is not null).Select(p => p.PercentComplete!.Value));
    }

    [Fact]
    public async Task ATaskThatEndsInExceptionIsTaskFailedWithItsMessages()
    {
        var fake = TaskService(
            """{"@odata.type": "#Task.v1_7_4.Task", "TaskState": "Running", "PercentComplete": 10}""",
            """{"@odata.type": "#Task.v1_7_4.Task", "TaskState": "Exception", "TaskStatus": "Critical", "Messages": [{"MessageId": "Update.1.0.ApplyFailed", "Message": "The image is corrupt.", "Resolution": "Use another image."}]}""");
        var time = new FakeTimeProvider();
        await using var client = fake.Client(time: time, tweak: o => o with { TaskPollInterval = TimeSpan.Zero });
        var system = await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        var e = await Assert.ThrowsAsync<RedfishException>(() =>
            DriveClock(time, client.InvokeActionAsync(system, "ComputerSystem.Reset", new JsonObject { ["ResetType"] = "On" })));
        Assert.Equal(RedfishError.TaskFailed, e.Error);
        Assert.Equal("Update.1.0.ApplyFailed", e.MessageId);
        Assert.Contains("The image is corrupt.", e.Message, StringComparison.Ordinal);
        Assert.Equal(["Use another image."], e.Resolutions);
    }

    private sealed class SyncProgress(Action<TaskProgress> report) : IProgress<TaskProgress>
    {
        public void Report(TaskProgress value) => report(value);
    }
}

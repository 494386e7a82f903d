using System.Net;
using System.Text;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tests.Fakes;

namespace Lifeline.Redfish.Tests;

public sealed class OperationsTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static FakeRedfishHandler WithServices()
    {
        var fake = new FakeRedfishHandler();
        fake.Json("/redfish/v1", """
            {"@odata.id": "/redfish/v1", "@odata.type": "#ServiceRoot.v1_17_0.ServiceRoot",
             "EventService": {"@odata.id": "/redfish/v1/EventService"}, "UpdateService": {"@odata.id": "/redfish/v1/UpdateService"},
             "Systems": {"@odata.id": "/redfish/v1/Systems"},
             "ProtocolFeaturesSupported": {"ExpandQuery": {"Levels": true, "MaxLevels": 2}},
             "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}
            """);
        fake.Json("/redfish/v1/EventService", """{"@odata.type": "#EventService.v1_10_2.EventService", "ServerSentEventUri": "/redfish/v1/EventService/SSE", "Subscriptions": {"@odata.id": "/redfish/v1/EventService/Subscriptions"}}""");
        fake.Json("/redfish/v1/UpdateService", """{"@odata.type": "#UpdateService.v1_14_0.UpdateService", "MultipartHttpPushUri": "/redfish/v1/UpdateService/update", "MaxImageSizeBytes": 1000}""");
        return fake;
    }

    [Fact]
    public async Task ServerSentEventsAreReadAsTypedEventsUntilTheStreamEnds()
    {
        var fake = WithServices();
        var stream = ": keep-alive\n\nid: 1\ndata: {\"@odata.type\": \"#Event.v1_10_0.Event\", \"Id\": \"1\",\ndata:  \"Events\": [{\"EventType\": \"Alert\", \"MessageId\": \"ResourceEvent.1.0.ResourceChanged\", \"OriginOfCondition\": {\"@odata.id\": \"/redfish/v1/Systems/1\"}}]}\n\n"
            + "id: 2\r\ndata: {\"@odata.type\": \"#Event.v1_10_0.Event\", \"Id\": \"2\", \"Events\": []}\r\n\r\n";
        fake.Route("GET /redfish/v1/EventService/SSE", r => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(stream, Encoding.UTF8, "text/event-stream"),
        });
        await using var client = fake.Client();
        var events = new List<RedfishEvent>();
        await foreach (var e in new RedfishBmc(client).ReadServerSentEventsAsync().WithCancellation(new CancellationTokenSource(Guard).Token))
        {
            events.Add(e);
        }
        Assert.Equal(["1", "2"], events.Select(e => e.Id));
        Assert.Equal("ResourceEvent.1.0.ResourceChanged", events[0].Events![0].MessageId);
        Assert.Equal("/redfish/v1/Systems/1", events[0].Events![0].OriginOfCondition!.ODataId);
        Assert.Equal("text/event-stream", fake.SeenWith("GET", "/redfish/v1/EventService/SSE").Single().Header("Accept"));
    }

    [Fact]
    public async Task ReadingServerSentEventsStopsWhenCancelled()
    {
        var fake = WithServices();
        var pipe = new System.IO.Pipelines.Pipe();
        fake.Route("GET /redfish/v1/EventService/SSE", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) });
        await using var client = fake.Client();
        using var cts = new CancellationTokenSource();
        var first = new TaskCompletionSource<RedfishEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            await foreach (var e in new RedfishBmc(client).ReadServerSentEventsAsync(ct: cts.Token))
            {
                first.TrySetResult(e);
            }
        });
        await pipe.Writer.WriteAsync("data: {\"Id\": \"7\"}\n\n"u8.ToArray());
        Assert.Equal("7", (await first.Task.WaitAsync(Guard)).Id);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
    }

    [Fact]
    public async Task FirmwareIsPushedAsMultipartWithUpdateParametersAndUpdateFile()
    {
        var fake = WithServices();
        fake.Route("POST /redfish/v1/UpdateService/update", _ => FakeRedfishHandler.JsonResponse(HttpStatusCode.Accepted,
            """{"@odata.id": "/redfish/v1/TaskService/Tasks/0", "@odata.type": "#Task.v1_4_3.Task", "TaskState": "Running", "PercentComplete": 0}"""));
        fake.Json("/redfish/v1/TaskService/Tasks/0", """{"@odata.id": "/redfish/v1/TaskService/Tasks/0", "@odata.type": "#Task.v1_4_3.Task", "TaskState": "Completed", "PercentComplete": 100}""");
        await using var client = fake.Client(tweak: o => o with { TaskPollInterval = TimeSpan.Zero });
        var outcome = await new RedfishBmc(client).PushFirmwareAsync("IMAGE-BYTES"u8.ToArray(), "bmc.tar", ["/redfish/v1/UpdateService/FirmwareInventory/bmc"]).WaitAsync(Guard);
        Assert.Equal(TaskState.Completed, outcome.Task!.State);
        var post = fake.SeenWith("POST", "/redfish/v1/UpdateService/update").Single();
        Assert.StartsWith("multipart/form-data", post.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("name=UpdateParameters", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"Targets\":[\"/redfish/v1/UpdateService/FirmwareInventory/bmc\"]", post.Body, StringComparison.Ordinal);
        Assert.Contains("name=UpdateFile; filename=bmc.tar", post.Body, StringComparison.Ordinal);
        Assert.Contains("IMAGE-BYTES", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageLargerThanTheServiceTakesIsRefusedBeforeUpload()
    {
        var fake = WithServices();
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).PushFirmwareAsync(new byte[1001], "big.bin"));
        Assert.Equal(RedfishError.InvalidRequest, e.Error);
        Assert.DoesNotContain(fake.Seen, r => r.Path.EndsWith("/update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MembersAreExpandedInOneRequestWhenTheServiceSupportsIt()
    {
        var fake = WithServices();
        fake.Json("/redfish/v1/Systems?$expand=.($levels=1)", """
            {"Members": [{"@odata.id": "/redfish/v1/Systems/a", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "Id": "a", "PowerState": "On"},
                         {"@odata.id": "/redfish/v1/Systems/b", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "Id": "b", "PowerState": "Off"}]}
            """);
        await using var client = fake.Client();
        var systems = await new RedfishBmc(client).ListSystemsAsync();
        Assert.Equal([PowerState.On, PowerState.Off], systems.Select(s => s.PowerState!.Value));
        Assert.DoesNotContain(fake.Seen, r => r.Path.StartsWith("/redfish/v1/Systems/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedExpandFallsBackToOneGetPerMemberAndIsNotTriedAgain()
    {
        var fake = WithServices();
        fake.Route("GET /redfish/v1/Systems", r => r.Uri.Query.Length > 0
            ? FakeRedfishHandler.Error(HttpStatusCode.NotImplemented, "Base.1.8.QueryNotSupported", "no $expand")
            : null);
        fake.Json("/redfish/v1/Systems", """{"Members": [{"@odata.id": "/redfish/v1/Systems/a"}]}""");
        fake.Json("/redfish/v1/Systems/a", """{"@odata.id": "/redfish/v1/Systems/a", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "Id": "a"}""");
        await using var client = fake.Client();
        var bmc = new RedfishBmc(client);
        Assert.Single(await bmc.ListSystemsAsync());
        Assert.Single(await bmc.ListSystemsAsync());
        Assert.Single(fake.Seen, r => r.Uri.Query.Contains("expand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogEntriesAreReadIncrementallyByTimeAndId()
    {
        var fake = WithServices();
        fake.Json("/redfish/v1/Managers/bmc/LogServices/SEL/Entries", """
            {"Members": [
              {"@odata.id": "/e/3", "@odata.type": "#LogEntry.v1_16_0.LogEntry", "Id": "3", "Created": "2026-01-01T00:03:00Z", "Severity": "Critical", "Message": "c"},
              {"@odata.id": "/e/1", "@odata.type": "#LogEntry.v1_16_0.LogEntry", "Id": "1", "Created": "2026-01-01T00:01:00Z", "Severity": "OK", "Message": "a"},
              {"@odata.id": "/e/2", "@odata.type": "#LogEntry.v1_16_0.LogEntry", "Id": "2", "Created": "2026-01-01T00:02:00Z", "Severity": "Warning", "Message": "b"}]}
            """);
        await using var client = fake.Client();
        var service = new LogService { Entries = new ODataLink { ODataId = "/redfish/v1/Managers/bmc/LogServices/SEL/Entries" } };
        var bmc = new RedfishBmc(client);
        var all = await bmc.ReadLogEntriesAsync(service);
        Assert.Equal(["1", "2", "3"], all.Entries.Select(e => e.Id));
        Assert.Equal(new LogCursor("3", new DateTimeOffset(2026, 1, 1, 0, 3, 0, TimeSpan.Zero)), all.Cursor);
        var newer = await bmc.ReadLogEntriesAsync(service, new LogCursor("1", new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero)));
        Assert.Equal(["2", "3"], newer.Entries.Select(e => e.Id));
        Assert.Empty((await bmc.ReadLogEntriesAsync(service, all.Cursor)).Entries);
        Assert.Equal(["3"], (await bmc.ReadLogEntriesAsync(service, new LogCursor("2", null))).Entries.Select(e => e.Id));
    }

    [Theory]
    [InlineData("Absent", "OK", 40.0, SensorStatus.Unavailable)]
    [InlineData("Enabled", "OK", null, SensorStatus.Unavailable)]
    [InlineData("Enabled", "Critical", 99.0, SensorStatus.Critical)]
    [InlineData("Enabled", "Warning", 80.0, SensorStatus.Warning)]
    [InlineData("Enabled", "OK", 40.0, SensorStatus.Ok)]
    public void SensorStatusIsOneOfOkWarningCriticalUnavailable(string state, string health, double? reading, SensorStatus expected) =>
        Assert.Equal(expected, RedfishBmc.StatusOf(new ResourceStatus { State = Enum.Parse<State>(state), Health = Enum.Parse<Health>(health) }, reading));
}

public sealed class LegacyPushTests
{
    [Fact]
    public async Task WithoutMultipartTheImageGoesAsTheWholeBodyToTheLegacyHttpPushUri()
    {
        var fake = new FakeRedfishHandler();
        fake.Json("/redfish/v1", """
            {"@odata.id": "/redfish/v1", "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
             "UpdateService": {"@odata.id": "/redfish/v1/UpdateService"},
             "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}
            """);
        fake.Json("/redfish/v1/UpdateService", """{"@odata.type": "#UpdateService.v1_2_0.UpdateService", "HttpPushUri": "/redfish/v1/UpdateService/FirmwareImage"}""");
        fake.Route("POST /redfish/v1/UpdateService/FirmwareImage", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var client = fake.Client();
        var outcome = await new RedfishBmc(client).PushFirmwareAsync(Encoding.ASCII.GetBytes("FIRMWARE-IMAGE"), "fw.bin");
        Assert.Equal(204, outcome.StatusCode);
        var post = Assert.Single(fake.SeenWith("POST", "/redfish/v1/UpdateService/FirmwareImage"));
        Assert.Equal("FIRMWARE-IMAGE", post.Body);
        Assert.StartsWith("application/octet-stream", post.Header("Content-Type") ?? "", StringComparison.Ordinal);
    }
}

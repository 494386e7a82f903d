using System.Net;
using System.Text;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tests.Fakes;

namespace Lifeline.Redfish.Tests;

public sealed class HostileInputTests
{
    private static FakeRedfishHandler Open() => new() { RequireAuth = false };

    private static async Task<RedfishException> Refused(FakeRedfishHandler fake, Func<RedfishClient, Task> act,
        Func<RedfishClientOptions, RedfishClientOptions>? tweak = null)
    {
        await using var client = fake.Client(RedfishAuthMode.None, tweak: tweak);
        return await Assert.ThrowsAsync<RedfishException>(() => act(client));
    }

    [Theory]
    [InlineData("{\"@odata.id\": \"/redfish/v1/Systems/1\", ")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    [InlineData("{\"PowerState\": {\"nested\": true}, \"Boot\": \"Pxe\"}")]
    [InlineData("{\"ProcessorSummary\": {\"Count\": \"many\"}}")]
    [InlineData("{\"Links\": {\"Chassis\": 5}}")]
    public async Task MalformedOrWronglyTypedBodiesAreMalformedResponses(string body)
    {
        var fake = Open();
        fake.Route("GET /redfish/v1/Systems/1", _ => FakeRedfishHandler.JsonResponse(HttpStatusCode.OK, body));
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task UnknownEnumValuesReadAsUnknownAndUnknownPropertiesArePreserved()
    {
        var fake = Open();
        fake.Json("/redfish/v1/Systems/1", """
            {"@odata.type": "#ComputerSystem.v1_99_0.ComputerSystem", "PowerState": "Hibernating", "Boot": {"BootSourceOverrideTarget": "Holodeck",
             "BootSourceOverrideTarget@Redfish.AllowableValues": ["Pxe", "Holodeck"]}, "Status": {"Health": 3, "State": "Enabled"},
             "Oem": {"Contoso": {"Flux": 1.21}}, "FutureProperty": {"x": [1, 2]}}
            """);
        await using var client = fake.Client(RedfishAuthMode.None);
        var s = await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        Assert.Equal(PowerState.Unknown, s.PowerState);
        Assert.Equal(BootSource.Unknown, s.Boot!.BootSourceOverrideTarget);
        Assert.Equal([BootSource.Pxe, BootSource.Unknown], s.Boot.BootSourceOverrideTargetAllowableValues);
        Assert.Equal(Health.Unknown, s.Status!.Health);
        Assert.Equal(State.Enabled, s.Status.State);
        Assert.True(s.Extra!.ContainsKey("FutureProperty"));
        Assert.Equal(1.21, s.Oem!.Value.GetProperty("Contoso").GetProperty("Flux").GetDouble());
        Assert.Equal("Hibernating", s.Raw.GetProperty("PowerState").GetString());
    }

    [Fact]
    public async Task NumbersSentAsStringsAreAccepted()
    {
        var fake = Open();
        fake.Json("/redfish/v1/Chassis/1/Sensors/T", """{"@odata.type": "#Sensor.v1_9_0.Sensor", "Reading": "42.5", "ReadingType": "Temperature"}""");
        await using var client = fake.Client(RedfishAuthMode.None);
        Assert.Equal(42.5, (await client.GetAsync<Sensor>("/redfish/v1/Chassis/1/Sensors/T")).Reading);
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRefusedNotRecursedInto()
    {
        var fake = Open();
        var deep = "{\"Oem\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5001);
        fake.Route("GET /redfish/v1/Systems/1", _ => FakeRedfishHandler.JsonResponse(HttpStatusCode.OK, deep));
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task AHugeDeclaredBodyIsRefusedBeforeItIsRead()
    {
        var fake = Open();
        var stream = new EndlessStream();
        fake.Route("GET /redfish/v1/Systems/1", _ =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentLength = 1L << 40;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task AnEndlessBodyWithoutLengthIsCutAtTheLimit()
    {
        var fake = Open();
        var stream = new EndlessStream();
        fake.Route("GET /redfish/v1/Systems/1", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"), o => o with { MaxResponseBytes = 1 << 20 });
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.InRange(stream.BytesRead, 1 << 20, (1 << 20) + 65536);
    }

    [Fact]
    public async Task ANextLinkThatLoopsIsDetected()
    {
        var fake = Open();
        fake.Json("/redfish/v1/Things", """{"Members": [{"@odata.id": "/redfish/v1/Things/1"}], "Members@odata.nextLink": "/redfish/v1/Things?page=2"}""");
        fake.Json("/redfish/v1/Things?page=2", """{"Members": [{"@odata.id": "/redfish/v1/Things/2"}], "Members@odata.nextLink": "/redfish/v1/Things"}""");
        await using var client = fake.Client(RedfishAuthMode.None);
        var seen = new List<string>();
        var e = await Assert.ThrowsAsync<RedfishException>(async () =>
        {
            await foreach (var link in client.GetMemberLinksAsync("/redfish/v1/Things"))
            {
                seen.Add(link);
            }
        });
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.Contains("loops", e.Message, StringComparison.Ordinal);
        Assert.Equal(["/redfish/v1/Things/1", "/redfish/v1/Things/2"], seen);
    }

    [Fact]
    public async Task AnEndlessSequenceOfNewPagesStopsAtThePageCap()
    {
        var fake = Open();
        var served = 0;
        fake.Route("GET /redfish/v1/Things", r =>
        {
            served++;
            var page = r.Uri.Query.Length > 6 ? int.Parse(r.Uri.Query[6..], System.Globalization.CultureInfo.InvariantCulture) : 0;
            return FakeRedfishHandler.JsonResponse(HttpStatusCode.OK,
                $$"""{"Members": [{"@odata.id": "/redfish/v1/Things/{{page}}"}], "Members@odata.nextLink": "/redfish/v1/Things?page={{page + 1}}"}""");
        });
        await using var client = fake.Client(RedfishAuthMode.None, tweak: o => o with { MaxCollectionPages = 50 });
        var e = await Assert.ThrowsAsync<RedfishException>(async () =>
        {
            await foreach (var _ in client.GetMemberLinksAsync("/redfish/v1/Things"))
            {
            }
        });
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.Equal(50, served);
    }

    [Fact]
    public async Task PagedMembersAreAllListedInOrder()
    {
        var fake = Open();
        fake.Json("/redfish/v1/Things", """{"Members": [{"@odata.id": "/redfish/v1/Things/1"}], "Members@odata.nextLink": "/redfish/v1/Things?$skip=1"}""");
        fake.Json("/redfish/v1/Things?$skip=1", """{"Members": [{"@odata.id": "/redfish/v1/Things/2"}, {"@odata.id": "/redfish/v1/Things/3"}]}""");
        await using var client = fake.Client(RedfishAuthMode.None);
        var links = new List<string>();
        await foreach (var l in client.GetMemberLinksAsync("/redfish/v1/Things"))
        {
            links.Add(l);
        }
        Assert.Equal(["/redfish/v1/Things/1", "/redfish/v1/Things/2", "/redfish/v1/Things/3"], links);
    }

    [Theory]
    [InlineData("https://evil.example/redfish/v1/Systems/1")]
    [InlineData("//evil.example/redfish/v1/Systems/1")]
    [InlineData("http://bmc.example/redfish/v1/Systems/1")]
    [InlineData("https://bmc.example:8443/redfish/v1/Systems/1")]
    [InlineData("https://user@bmc.example/redfish/v1/Systems/1")]
    public async Task LinksToAnotherOriginAreNeverFollowed(string link)
    {
        var fake = Open();
        fake.Json("/redfish/v1/Systems", $$"""{"Members": [{"@odata.id": "{{link}}"}]}""");
        await using var client = fake.Client(RedfishAuthMode.None);
        var e = await Assert.ThrowsAsync<RedfishException>(() => new RedfishBmc(client).ListAsync<ComputerSystem>(new ODataLink { ODataId = "/redfish/v1/Systems" }));
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.All(fake.Seen, r => Assert.Equal("https://bmc.example", r.Uri.GetLeftPart(UriPartial.Authority)));
    }

    [Fact]
    public async Task ARedirectToAnotherHostIsRefusedAndARedirectWithinTheBmcIsFollowed()
    {
        var fake = Open();
        fake.Json("/redfish/v1/Systems/1", """{"@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "PowerState": "On"}""");
        fake.Route("GET /redfish/v1/Systems/old", _ =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
            r.Headers.Location = new Uri("/redfish/v1/Systems/1", UriKind.Relative);
            return r;
        });
        fake.Route("GET /redfish/v1/Systems/evil", _ =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
            r.Headers.Location = new Uri("https://evil.example/collect");
            return r;
        });
        await using var client = fake.Client(RedfishAuthMode.None);
        Assert.Equal(PowerState.On, (await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/old")).PowerState);
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetAsync<ComputerSystem>("/redfish/v1/Systems/evil"));
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.DoesNotContain(fake.Seen, r => r.Uri.Host != "bmc.example");
    }

    [Fact]
    public async Task AnErrorBodyIsParsedIntoTheException()
    {
        var fake = Open();
        fake.Route("GET /redfish/v1/Systems/1", _ => FakeRedfishHandler.Error(HttpStatusCode.BadRequest, "Base.1.8.PropertyValueNotInList",
            "The value Warp for BootSourceOverrideTarget is not in the list.", "Choose a value from the enumeration list."));
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.Rejected, e.Error);
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("Base.1.8.PropertyValueNotInList", e.MessageId);
        Assert.Equal("Choose a value from the enumeration list.", e.NextStep);
        Assert.Single(e.ExtendedInfo);
    }

    [Fact]
    public async Task AnErrorThatIsNotJsonStillGivesTheStatus()
    {
        var fake = Open();
        fake.Route("GET /redfish/v1/Systems/1", _ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>\u0001bad gateway</html>", Encoding.UTF8, "text/html"),
        });
        var e = await Refused(fake, c => c.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.Rejected, e.Error);
        Assert.Equal(502, e.StatusCode);
        Assert.Contains("bad gateway", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATransportFailureIsUnreachableNotARejection()
    {
        var handler = new ThrowingHandler(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        await using var client = new RedfishClient(new RedfishClientOptions { Endpoint = RedfishEndpoint.Parse("redfish://bmc.example"), Auth = RedfishAuthMode.None }, handler);
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetServiceRootAsync());
        Assert.Equal(RedfishError.Unreachable, e.Error);
        Assert.Null(e.StatusCode);
        Assert.False(e.MayHaveBeenDelivered);
    }

    private sealed class ThrowingHandler(Exception e) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromException<HttpResponseMessage>(e);
    }

    /// <summary>A body that never ends (counts what was read).</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            BytesRead += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

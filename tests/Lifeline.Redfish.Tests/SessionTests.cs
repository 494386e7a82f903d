using System.Net;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tests.Fakes;

namespace Lifeline.Redfish.Tests;

public sealed class SessionTests
{
    private static FakeRedfishHandler Service()
    {
        var fake = new FakeRedfishHandler();
        fake.Json("/redfish/v1/Systems", """{"@odata.type": "#ComputerSystemCollection.ComputerSystemCollection", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}]}""");
        fake.Json("/redfish/v1/Systems/1", """{"@odata.id": "/redfish/v1/Systems/1", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "Id": "1", "PowerState": "On"}""");
        return fake;
    }

    [Fact]
    public async Task OneSessionIsOpenedReusedForEveryRequestAndDeletedOnDispose()
    {
        var fake = Service();
        await using (var client = fake.Client())
        {
            await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
            await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
            await client.GetAsync<ResourceCollection>("/redfish/v1/Systems");
        }
        Assert.Equal(1, fake.SessionsCreated);
        Assert.All(fake.SeenWith("GET", "/redfish/v1/Systems/1"), r => Assert.Equal("token-1", r.Header("X-Auth-Token")));
        var delete = Assert.Single(fake.Seen, r => r.Method == "DELETE");
        Assert.Equal("/redfish/v1/SessionService/Sessions/1", delete.Path);
        Assert.Equal("token-1", delete.Header("X-Auth-Token"));
        Assert.DoesNotContain(fake.Seen, r => r.Header("Authorization") is not null);
    }

    [Fact]
    public async Task AnExpiredSessionIsReplacedOnceAndTheRequestSucceeds()
    {
        var fake = Service();
        await using var client = fake.Client();
        await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        fake.ValidToken = "expired-by-the-bmc";
        var system = await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        Assert.Equal(PowerState.On, system.PowerState);
        Assert.Equal(2, fake.SessionsCreated);
        Assert.Equal("token-2", fake.Seen[^1].Header("X-Auth-Token"));
    }

    [Fact]
    public async Task A401AfterReloginIsUnauthorizedAndNotALoop()
    {
        var fake = Service();
        fake.Route("GET /redfish/v1/Systems/1", _ => FakeRedfishHandler.Error(HttpStatusCode.Unauthorized, "Base.1.8.InsufficientPrivilege", "no"));
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.Unauthorized, e.Error);
        Assert.Equal(2, fake.SessionsCreated);
        Assert.Equal(2, fake.SeenWith("GET", "/redfish/v1/Systems/1").Count());
    }

    [Fact]
    public async Task AWrongPasswordIsUnauthorizedAndNeverFallsBackToBasic()
    {
        var fake = Service();
        await using var client = fake.Client(password: "wrong");
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1"));
        Assert.Equal(RedfishError.Unauthorized, e.Error);
        Assert.DoesNotContain("wrong", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Seen, r => r.Header("Authorization") is not null);
        Assert.DoesNotContain(fake.Seen, r => r.Path == "/redfish/v1/Systems/1");
    }

    [Fact]
    public async Task BasicAuthIsUsedOnlyWhenChosenAndOpensNoSession()
    {
        var fake = Service();
        await using (var client = fake.Client(RedfishAuthMode.Basic))
        {
            await client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        }
        Assert.Equal(0, fake.SessionsCreated);
        Assert.StartsWith("Basic ", fake.SeenWith("GET", "/redfish/v1/Systems/1").Single().Header("Authorization"), StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Seen, r => r.Method is "POST" or "DELETE");
    }

    [Fact]
    public async Task ASessionWithoutATokenHeaderIsAMalformedAnswer()
    {
        var fake = Service();
        fake.Route("POST /redfish/v1/SessionService/Sessions", _ => FakeRedfishHandler.JsonResponse(HttpStatusCode.Created, "{}"));
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.LoginAsync());
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task ASessionLocationOnAnotherHostIsRefused()
    {
        var fake = Service();
        fake.Route("POST /redfish/v1/SessionService/Sessions", _ =>
        {
            var r = FakeRedfishHandler.JsonResponse(HttpStatusCode.Created, "{}");
            r.Headers.Add("X-Auth-Token", "t");
            r.Headers.Location = new Uri("https://evil.example/steal");
            return r;
        });
        await using var client = fake.Client();
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.LoginAsync());
        Assert.Equal(RedfishError.MalformedResponse, e.Error);
        Assert.Contains("leaves the BMC", e.Message, StringComparison.Ordinal);
        Assert.All(fake.Seen, r => Assert.Equal("bmc.example", r.Uri.Host));
    }

    [Fact]
    public async Task ASessionLimitAnswerIsReportedAsSessionLimit()
    {
        var fake = Service();
        fake.Route("POST /redfish/v1/SessionService/Sessions", _ =>
            FakeRedfishHandler.Error(HttpStatusCode.ServiceUnavailable, "Base.1.8.SessionLimitExceeded", "Too many sessions."));
        await using var client = fake.Client(tweak: o => o with { MaxRetries = 0 });
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.LoginAsync());
        Assert.Equal(RedfishError.SessionLimit, e.Error);
        Assert.True(e.IsRetryable);
    }
}

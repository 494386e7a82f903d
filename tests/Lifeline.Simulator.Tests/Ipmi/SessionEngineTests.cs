using System.Diagnostics;
using System.Text;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Ipmi.Transport;
using Lifeline.Simulator.Ipmi;
using PrivilegeLevel = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Simulator.Tests.Ipmi;

/// <summary>Our RMCP+ client against our RMCP+ responder over real loopback UDP.</summary>
public sealed class SessionEngineTests : IAsyncLifetime
{
    private readonly IpmiUdpTransport _transport = new(socketCount: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private static IpmiSessionOptions Options(string user = "admin", string password = "secret-pw", int? suite = null, int retries = 3,
        double initialSeconds = 0.2, bool allow0 = false, PrivilegeLevel privilege = PrivilegeLevel.Administrator) => new()
    {
        UserName = user,
        Password = Encoding.ASCII.GetBytes(password),
        CipherSuite = suite,
        AllowInsecureSuite0 = allow0,
        Privilege = privilege,
        Retransmit = new RetransmitPolicy(TimeSpan.FromSeconds(initialSeconds), TimeSpan.FromSeconds(initialSeconds * 2), retries),
    };

    [Fact]
    public async Task AutoSelectionPicksSuite17WhenTheBmcAcceptsIt()
    {
        await using var bmc = new TestBmc();
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), _transport);
        Assert.Equal(17, session.CipherSuite.Id);
        var id = await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        Assert.Equal(0x1234, id.ProductId);
        Assert.Equal("2.0", id.IpmiVersion);
    }

    [Fact]
    public async Task AutoSelectionFallsBackToSuite3WhenSuite17IsRejected()
    {
        await using var bmc = new TestBmc(new ResponderSettings { AcceptedSuites = new HashSet<byte> { 1, 2, 3 } });
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), _transport);
        Assert.Equal(3, session.CipherSuite.Id);
        Assert.True((await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None)).DeviceAvailable);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    public async Task EachExplicitSuiteCarriesCommands(int suite)
    {
        await using var bmc = new TestBmc();
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(suite: suite), _transport);
        Assert.Equal(suite, session.CipherSuite.Id);
        var response = await session.SendAsync(new IpmiRequest(NetFn.Chassis, 0x02, new byte[] { 0x01 }), CancellationToken.None);
        Assert.Equal(CompletionCode.Success, response.Code);
    }

    [Fact]
    public async Task Suite0IsRefusedUnlessExplicitlyAllowed()
    {
        await using var bmc = new TestBmc(new ResponderSettings { AcceptedSuites = new HashSet<byte> { 0, 3 } });
        var refused = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, Options(suite: 0), _transport));
        Assert.Equal(IpmiError.NoCipherSuite, refused.Error);
        Assert.Contains("--allow-suite-0", refused.Message);
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(suite: 0, allow0: true), _transport);
        Assert.Equal(0, session.CipherSuite.Id);
        Assert.Contains(session.Warnings, w => w.Contains("suite 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPasswordIsReportedFastAsBadPassword()
    {
        await using var bmc = new TestBmc();
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, Options(password: "wrong"), _transport));
        Assert.Equal(IpmiError.BadPassword, e.Error);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"bad password took {sw.Elapsed}");
        // the client's RAKP 3 with an error status frees the BMC's slot (it is in flight when OpenAsync throws)
        await WaitUntilAsync(() => bmc.Responder.Sessions.Count == 0);
        Assert.Empty(bmc.Responder.Sessions);
    }

    [Fact]
    public async Task UnknownUserIsReportedAsUnknownUser()
    {
        await using var bmc = new TestBmc();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, Options(user: "nobody"), _transport));
        Assert.Equal(IpmiError.UnknownUser, e.Error);
    }

    [Fact]
    public async Task WrongKgIsReportedAsBadKg()
    {
        await using var bmc = new TestBmc(new ResponderSettings { Kg = Encoding.ASCII.GetBytes("bmc-key") });
        var options = Options();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, new IpmiSessionOptions
        {
            UserName = options.UserName, Password = options.Password, Kg = Encoding.ASCII.GetBytes("other-key"), Retransmit = options.Retransmit,
        }, _transport));
        Assert.Equal(IpmiError.BadKg, e.Error);
        await using var ok = await IpmiSession.OpenAsync(bmc.EndPoint, new IpmiSessionOptions
        {
            UserName = options.UserName, Password = options.Password, Kg = Encoding.ASCII.GetBytes("bmc-key"), Retransmit = options.Retransmit,
        }, _transport);
        Assert.Equal(17, ok.CipherSuite.Id);
    }

    [Fact]
    public async Task PrivilegeAboveTheUsersLimitIsRefused()
    {
        await using var bmc = new TestBmc();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, Options(user: "viewer", password: "viewpass"), _transport));
        Assert.Equal(IpmiError.InsufficientPrivilege, e.Error);
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(user: "viewer", password: "viewpass", privilege: PrivilegeLevel.User), _transport);
        var denied = await session.SendAsync(new IpmiRequest(NetFn.Chassis, 0x02, new byte[] { 0x01 }), CancellationToken.None);
        Assert.Equal(CompletionCode.InsufficientPrivilege, denied.Code);
    }

    [Fact]
    public async Task SessionLimitGivesAClearError()
    {
        await using var bmc = new TestBmc(new ResponderSettings { SessionLimit = 2 });
        await using var t2 = new IpmiUdpTransport(socketCount: 3);
        await using var a = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), t2);
        await using var b = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), t2);
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, Options(), t2));
        Assert.Equal(IpmiError.SessionLimit, e.Error);
        Assert.True(e.IsRetryable);
    }

    [Fact]
    public async Task ClosingASessionFreesTheBmcSlot()
    {
        await using var bmc = new TestBmc();
        var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), _transport);
        Assert.Equal(1, bmc.Responder.ActiveSessions);
        await session.DisposeAsync();
        Assert.Equal(0, bmc.Responder.ActiveSessions);
    }

    [Fact]
    public async Task ThirtyPercentPacketLossStillSucceedsWithinRetries()
    {
        await using var bmc = new TestBmc(seed: 42);
        bmc.Conditions.LossPercent = 30;
        int ok = 0;
        for (int i = 0; i < 2; i++)
        {
            await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(retries: 8, initialSeconds: 0.05), _transport);
            for (int j = 0; j < 25; j++)
            {
                await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
                ok++;
            }
        }
        Assert.Equal(50, ok);
        Assert.True(bmc.DroppedByLoss > 10, $"only {bmc.DroppedByLoss} datagrams were dropped");
    }

    [Fact]
    public async Task HungBmcTimesOutWithinTheConfiguredDeadline()
    {
        await using var bmc = new TestBmc();
        bmc.Conditions.Hung = true;
        var options = Options(retries: 2, initialSeconds: 0.1);
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(bmc.EndPoint, options, _transport));
        sw.Stop();
        Assert.Equal(IpmiError.Unreachable, e.Error);
        // two suites probed? No: a timeout is not a suite rejection, so one handshake step's budget only.
        // slack for a machine busy with other test assemblies; an unbounded wait (the failure this guards) would hang
        Assert.True(sw.Elapsed < options.Retransmit.TotalTimeout + TimeSpan.FromSeconds(2.5), $"took {sw.Elapsed}, budget {options.Retransmit.TotalTimeout} + 2.5 s");
    }

    [Fact]
    public async Task BmcRebootMidSessionIsRecoveredTransparently()
    {
        await using var bmc = new TestBmc();
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(retries: 1, initialSeconds: 0.1), _transport);
        await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        bmc.Responder.DropAllSessions();
        var id = await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        Assert.Equal(0x1234, id.ProductId);
        Assert.Equal(1, session.Reopens);
    }

    [Fact]
    public async Task GarbageDatagramsAreIgnoredAndCounted()
    {
        await using var bmc = new TestBmc();
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(0, 80)];
            random.NextBytes(junk);
            if (junk.Length > 4 && i % 2 == 0)
            {
                junk[0] = 0x06; junk[1] = 0; junk[2] = 0xFF; junk[3] = 0x07; // looks like RMCP/IPMI
            }
            await udp.SendAsync(junk, bmc.EndPoint);
        }
        // still serves a real client afterwards
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), _transport);
        await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        Assert.True(bmc.Responder.GarbageDatagrams >= 150, $"garbage counted: {bmc.Responder.GarbageDatagrams}");
    }

    [Fact]
    public async Task ManySessionsShareAFewSockets()
    {
        var bmcs = Enumerable.Range(0, 40).Select(i => new TestBmc(seed: i)).ToList();
        try
        {
            var sessions = await Task.WhenAll(bmcs.Select(b => IpmiSession.OpenAsync(b.EndPoint, Options(), _transport)));
            var ids = await Task.WhenAll(sessions.Select(s => s.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None)));
            Assert.All(ids, id => Assert.Equal(0x1234, id.ProductId));
            Assert.Equal(2, _transport.SocketCount);
            foreach (var s in sessions)
            {
                await s.DisposeAsync();
            }
        }
        finally
        {
            foreach (var b in bmcs)
            {
                await b.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task GarbageDeliveredToAnOpenClientSessionIsDroppedAndTheSessionCarriesOn()
    {
        await using var bmc = new TestBmc();
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, Options(), _transport);
        var random = new Random(99);
        for (int i = 0; i < 20_000; i++)
        {
            var junk = new byte[random.Next(0, 100)];
            random.NextBytes(junk);
            if (junk.Length > 16)
            {
                junk[0] = 0x06; junk[3] = 0x07; junk[4] = 0x06; // RMCP / IPMI / RMCP+
            }
            session.OnDatagram(junk);
        }
        Assert.True(session.DroppedDatagrams >= 19_000, $"dropped {session.DroppedDatagrams}");
        Assert.Equal(0x1234, (await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None)).ProductId);
    }

    [Fact]
    public void RetransmissionBackoffIsAPureFunctionOfTheAttempt()
    {
        var policy = new RetransmitPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), 4);
        Assert.Equal([250.0, 500, 1000, 1000, 1000], Enumerable.Range(0, 5).Select(a => policy.AttemptTimeout(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(3750), policy.TotalTimeout);
        var fitted = RetransmitPolicy.ForDeadline(TimeSpan.FromSeconds(10), 3);
        Assert.True(fitted.TotalTimeout <= TimeSpan.FromSeconds(10.01) && fitted.TotalTimeout > TimeSpan.FromSeconds(9), fitted.TotalTimeout.ToString());
    }

    [Fact]
    public async Task KeepAliveSendsANoOpOnlyWhenTheSessionIsIdle()
    {
        await using var bmc = new TestBmc();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options();
        await using var session = await IpmiSession.OpenAsync(bmc.EndPoint, new IpmiSessionOptions
        {
            UserName = options.UserName,
            Password = options.Password,
            Retransmit = new RetransmitPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 1),
            KeepAliveInterval = TimeSpan.FromSeconds(30),
            TimeProvider = clock,
        }, _transport);
        int before = Volatile.Read(ref bmc.HandledRequests);
        clock.Advance(TimeSpan.FromSeconds(31));
        await WaitUntilAsync(() => session.KeepAlivesSent == 1);
        Assert.Equal(before + 1, Volatile.Read(ref bmc.HandledRequests));
        // activity resets the idle clock: the next tick finds the session busy and sends nothing
        clock.Advance(TimeSpan.FromSeconds(20));
        // the retransmission timer runs on the fake clock: bound the wait in real time so a lost datagram fails, not hangs
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await session.ExecuteAsync(GetDeviceId.Instance, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(11));
        await Task.Yield();
        Assert.Equal(1, session.KeepAlivesSent);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // the keep-alive runs on the real socket: wait for its answer with a bound, not a fixed sleep
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }
}

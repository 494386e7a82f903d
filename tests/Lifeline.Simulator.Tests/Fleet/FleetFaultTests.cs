using System.Diagnostics;
using System.Text;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Transport;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Tests.Fleet;

/// <summary>
/// Faults set on the BMC model, applied by the fleet at its network edge, seen by our client over real UDP:
/// packet loss, a hung BMC, a BMC reboot mid-session, the session limit.
/// </summary>
public sealed class FleetFaultTests : IAsyncLifetime
{
    private const string Password = "fault-pw";
    private readonly IpmiUdpTransport _transport = new(socketCount: 3);
    private SimulatedFleet _fleet = null!;

    public Task InitializeAsync()
    {
        var defaults = BmcOptions.Default with { Timings = PowerTimings.Default with { BmcRebootDuration = TimeSpan.FromMilliseconds(300) } };
        (_fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 4,
            Seed = 5,
            Password = Password,
            Placement = new SimulatorPlacement(PortBase: 18000 + Environment.ProcessId % 1000, Subnet: 61),
            Defaults = defaults,
            Override = (i, d) => i switch
            {
                0 => d with { Faults = d.Faults with { PacketLossPercent = 30 } },
                1 => d with { Faults = d.Faults with { Hung = true } },
                3 => d with { Faults = d.Faults with { SessionLimit = 1 } },
                _ => d,
            },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _transport.DisposeAsync();
    }

    private static IpmiSessionOptions Options(int retries = 3, double initial = 0.1) => new()
    {
        UserName = "admin",
        Password = Encoding.ASCII.GetBytes(Password),
        Retransmit = new RetransmitPolicy(TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(initial * 2), retries),
    };

    [Fact]
    public async Task ThirtyPercentLossOnTheModelStillLetsEveryCommandThrough()
    {
        var node = _fleet.Nodes[0];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var session = await IpmiSession.OpenAsync(node.IpmiEndPoint, Options(retries: 10, initial: 0.05), _transport, guard.Token);
        for (int i = 0; i < 60; i++)
        {
            var status = await session.ExecuteAsync(new GetChassisStatus(), guard.Token);
            Assert.Equal(node.Model.IsPoweredOn, status.PowerOn);
        }
        // 60+ requests at 30 % loss: some must have been dropped (and recovered by retransmission)
        Assert.True(node.Listener.DroppedByLoss > 0, $"no datagram was lost out of {node.Listener.ReceivedDatagrams}");
    }

    [Fact]
    public async Task AHungBmcGivesATimeoutWithinTheDeadline()
    {
        var options = Options(retries: 2, initial: 0.1);
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(_fleet.Nodes[1].IpmiEndPoint, options, _transport));
        Assert.Equal(IpmiError.Unreachable, e.Error);
        Assert.True(sw.Elapsed < options.Retransmit.TotalTimeout + TimeSpan.FromSeconds(0.5), $"took {sw.Elapsed}");
        Assert.True(_fleet.Nodes[1].Listener.ReceivedDatagrams >= 3, "the hung BMC received the attempts and stayed silent");
    }

    [Fact]
    public async Task ABmcRebootMidSessionIsRecoveredByReopening()
    {
        var node = _fleet.Nodes[2];
        await using var session = await IpmiSession.OpenAsync(node.IpmiEndPoint, Options(retries: 3, initial: 0.1), _transport);
        await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        node.Model.RebootBmc();
        // silent for 300 ms, then back with every session forgotten: the client re-opens and the command succeeds
        var id = await session.ExecuteAsync(GetDeviceId.Instance, CancellationToken.None);
        Assert.Equal(node.Model.Identity.ProductId, id.ProductId);
        Assert.Equal(1, session.Reopens);
    }

    [Fact]
    public async Task TheModelsSessionLimitGivesAClearError()
    {
        var node = _fleet.Nodes[3];
        await using var first = await IpmiSession.OpenAsync(node.IpmiEndPoint, Options(), _transport);
        var e = await Assert.ThrowsAsync<IpmiException>(() => IpmiSession.OpenAsync(node.IpmiEndPoint, Options(), _transport));
        Assert.Equal(IpmiError.SessionLimit, e.Error);
        Assert.Contains("session", e.NextStep, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SessionlessAuthCapabilitiesReportIpmi20()
    {
        var caps = await SessionlessRequest.GetChannelAuthenticationCapabilitiesAsync(_fleet.Nodes[2].IpmiEndPoint, Options().Retransmit, _transport);
        Assert.True(caps.SupportsIpmi20);
        Assert.Equal(1, caps.ChannelNumber);
    }
}

using System.Net;
using System.Text;
using Lifeline.Consoles.Sol;
using Lifeline.Consoles.Sources;
using Lifeline.Consoles.Tests.Infrastructure;
using Lifeline.Ipmi.Client;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;

namespace Lifeline.Consoles.Tests.Sources;

/// <summary>Two simulated BMCs behind the in-process IPMI face, on 127.0.93.x and a port derived from the process id.</summary>
public sealed class SolFleetFixture : IAsyncLifetime
{
    public const string User = "admin";
    public const string Password = "lifeline-sim-pw";
    private const byte Subnet = 93;

    public SimulatedFleet Fleet { get; private set; } = null!;

    public IpmiFace Face { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SimulatedFleetOptions
        {
            Nodes = 2,
            Seed = Subnet,
            UserName = User,
            Password = Password,
            Defaults = BmcOptions.Default with { CorrectableEccPerHour = 0 },
            Placement = new SimulatorPlacement(PortBase: 16000 + Environment.ProcessId % 1000 * 8 + Subnet % 8, Subnet: Subnet),
        };
        (Fleet, Face) = IpmiFace.StartFleet(options);
        int ready = await Fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(2, ready);
    }

    public async Task DisposeAsync() => await Fleet.DisposeAsync();

    public SolConsoleSourceOptions Options(int node, string password = Password, bool takeOver = false) => new()
    {
        Endpoint = Fleet.Nodes[node].IpmiEndPoint,
        Session = new IpmiSessionOptions
        {
            UserName = User,
            Password = Encoding.ASCII.GetBytes(password),
            Retransmit = new RetransmitPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 3),
        },
        TakeOver = takeOver,
    };
}

/// <summary>The SOL source against the simulator's host console: login prompt, payload in use, takeover, credentials.</summary>
public sealed class SolConsoleSourceTests(SolFleetFixture fleet) : IClassFixture<SolFleetFixture>
{
    [Fact]
    public async Task TheHostConsoleAnswersAndAStalePayloadIsTakenOverOnlyWhenAsked()
    {
        var model = fleet.Fleet.Nodes[0].Model;
        await using var first = new SolConsoleSource(fleet.Options(0));
        await first.ConnectAsync(CancellationToken.None);
        Assert.StartsWith("sol://127.0.93.", first.Description, StringComparison.Ordinal);
        await first.WriteAsync("\r"u8.ToArray(), CancellationToken.None);
        await ByteReader.ReadUntilAsync(first, seen => Encoding.UTF8.GetString(seen).Contains($"{model.Name} login:", StringComparison.Ordinal),
            "the simulated host's login prompt over SOL");
        // a break then a key is the magic SysRq of the simulated Linux host
        await first.SendBreakAsync(CancellationToken.None);
        await first.WriteAsync("h"u8.ToArray(), CancellationToken.None);
        await ByteReader.ReadUntilAsync(first, seen => Encoding.UTF8.GetString(seen).Contains("sysrq: HELP", StringComparison.Ordinal),
            "the SysRq help after a break over SOL");

        await using var second = new SolConsoleSource(fleet.Options(0));
        var refused = await Assert.ThrowsAsync<ConsoleException>(() => second.ConnectAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.InUse, refused.Category);
        Assert.Contains("take the console over", refused.NextStep, StringComparison.Ordinal);

        await using var third = new SolConsoleSource(fleet.Options(0, takeOver: true));
        await third.ConnectAsync(CancellationToken.None);
        await third.WriteAsync("\r"u8.ToArray(), CancellationToken.None);
        await ByteReader.ReadUntilAsync(third, seen => Encoding.UTF8.GetString(seen).Contains("login:", StringComparison.Ordinal),
            "the login prompt on the console that took over");
    }

    [Fact]
    public async Task AWrongPasswordIsAnAuthenticationFailure()
    {
        await using var source = new SolConsoleSource(fleet.Options(1, password: "not-the-password"));
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.Authentication, error.Category);
        Assert.False(error.MayRetry);
    }

    [Fact]
    public async Task NoBmcAtTheAddressIsUnreachable()
    {
        var options = fleet.Options(1) with { Endpoint = new IPEndPoint(IPAddress.Parse("127.0.93.250"), 9) };
        options = options with
        {
            Session = new IpmiSessionOptions
            {
                UserName = SolFleetFixture.User,
                Password = Encoding.ASCII.GetBytes(SolFleetFixture.Password),
                Retransmit = new RetransmitPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), 1),
            },
        };
        await using var source = new SolConsoleSource(options);
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ConsoleErrorCategory.Unreachable, error.Category);
    }
}

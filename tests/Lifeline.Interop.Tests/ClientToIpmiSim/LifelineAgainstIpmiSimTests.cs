using Lifeline.Drivers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Lifeline.Cli.Backend;
using Lifeline.Drivers.Ipmi;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Targets;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Sol;
using Lifeline.Ipmi.Transport;

namespace Lifeline.Interop.Tests.ClientToIpmiSim;

/// <summary>
/// Our client (the CLI's IPMI backend over our RMCP+ stack) against OpenIPMI's ipmi_sim, checked against what ipmitool
/// reads from the same BMC. ipmi_sim has no suite 17, so every session here proves the 17 → 3 probe too.
/// </summary>
[Collection("ipmi_sim")]
public sealed class LifelineAgainstIpmiSimTests : IClassFixture<IpmiSimPeer>, IAsyncLifetime
{
    private readonly IpmiSimPeer _peer;
    private readonly IpmiUdpTransport _transport = new(socketCount: 2);
    private readonly IpmiBmcBackend _backend;

    public LifelineAgainstIpmiSimTests(IpmiSimPeer peer)
    {
        _peer = peer;
        _backend = new IpmiBmcBackend(_transport, TimeProvider.System) { SdrCache = new SdrCache(null) };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private BmcTarget Target(string user = "admin") => new(BmcScheme.Ipmi, user, "127.0.0.1", _peer.Port);

    private ConnectionSettings Settings(string? password = null) =>
        new(null, false, PrivilegeLevel.Administrator, Secret.FromText(password ?? _peer.Password), null, TimeSpan.FromSeconds(1), 3);

    private Task<string> IpmitoolAsync(params string[] command) => Ipmitool.RunAsync("127.0.0.1", _peer.Port, _peer.User, _peer.Password, 3, command);

    [SkippableFact]
    public async Task PowerOffOnAndStatusAgreeWithIpmitool()
    {
        _peer.EnsureAvailable();
        var ct = CancellationToken.None;
        await _backend.PowerAsync(Target(), Settings(), PowerAction.Off, ct);
        Assert.Equal(PowerState.Off, (await _backend.PowerAsync(Target(), Settings(), PowerAction.Status, ct)).State);
        Assert.Contains("Chassis Power is off", await IpmitoolAsync("chassis", "power", "status"));
        await _backend.PowerAsync(Target(), Settings(), PowerAction.On, ct);
        Assert.Equal(PowerState.On, (await _backend.PowerAsync(Target(), Settings(), PowerAction.Status, ct)).State);
        Assert.Contains("Chassis Power is on", await IpmitoolAsync("chassis", "power", "status"));
        await _backend.PowerAsync(Target(), Settings(), PowerAction.Cycle, ct);
        Assert.Contains("System Power", await IpmitoolAsync("chassis", "status"));
    }

    [SkippableFact]
    public async Task BootDeviceWeSetIsWhatIpmitoolReadsBack()
    {
        _peer.EnsureAvailable();
        var set = await _backend.SetBootAsync(Target(), Settings(), new BootRequest(BootDevice.Pxe, false, false), CancellationToken.None);
        Assert.Equal(BootDevice.Pxe, set.Device);
        Assert.Contains("Force PXE", await IpmitoolAsync("chassis", "bootparam", "get", "5"));
        await _backend.SetBootAsync(Target(), Settings(), new BootRequest(BootDevice.Bios, true, true), CancellationToken.None);
        Assert.Contains("Force Boot into BIOS Setup", await IpmitoolAsync("chassis", "bootparam", "get", "5"));
        // BMC quirk (OpenIPMI ipmi_sim 2.0.33): boot flags data 1 (valid, persistent, EFI) is not kept; only the
        // device reads back. Persistent/EFI read-back is proven against our simulator in the SimulatorFace tests.
        var status = await _backend.GetBootAsync(Target(), Settings(), CancellationToken.None);
        Assert.Equal(BootDevice.None, status.Device);
    }

    [SkippableFact]
    public async Task SensorsMatchIpmitoolSdrList()
    {
        _peer.EnsureAvailable();
        var ours = (await _backend.ReadSensorsAsync(Target(), Settings(), CancellationToken.None)).Sensors;
        var theirs = (await IpmitoolAsync("sdr", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|').Select(p => p.Trim()).ToArray()).Where(p => p.Length == 3).ToList();
        Assert.NotEmpty(theirs);
        Assert.Equal(theirs.Select(t => t[0]), ours.Select(o => o.Name));
        foreach (var t in theirs)
        {
            var o = ours.Single(x => x.Name == t[0]);
            var status = o.Status switch
            {
                SensorStatus.Ok => "ok",
                SensorStatus.Warning => "nc",
                SensorStatus.Critical => "cr",
                SensorStatus.NonRecoverable => "nr",
                _ => "ns",
            };
            Assert.Equal(t[2], status);
            if (o.Value is double v)
            {
                // ipmitool prints "45 degrees C" (integers) or "1.800 Volts"
                var number = double.Parse(t[1].Split(' ')[0], CultureInfo.InvariantCulture);
                Assert.Equal(number, v, 3);
                Assert.EndsWith(o.Unit!, t[1], StringComparison.Ordinal);
            }
        }
    }

    [SkippableFact]
    public async Task SelMatchesIpmitoolIncludingAnEventInjectedThroughTheEmulator()
    {
        _peer.EnsureAvailable();
        await _peer.EmulatorCommandAsync("sensor_set_value 0x20 0 1 0x5c 1");
        var ours = (await _backend.ListSelAsync(Target(), Settings(), CancellationToken.None)).Events;
        var theirs = (await IpmitoolAsync("sel", "elist")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|').Select(p => p.Trim()).ToArray()).Where(p => p.Length >= 5).ToList();
        Assert.Equal(theirs.Count, ours.Count);
        Assert.Contains(ours, e => e.Message.Contains("Upper Critical going high", StringComparison.Ordinal) && e.Severity == EventSeverity.Critical);
        for (int i = 0; i < theirs.Count; i++)
        {
            Assert.Equal(int.Parse(theirs[i][0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), ours[i].Id);
            Assert.Equal(theirs[i][3], ours[i].Sensor);
            Assert.StartsWith(theirs[i][4], ours[i].Message, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task FruFieldsMatchIpmitoolFruPrint()
    {
        _peer.EnsureAvailable();
        var ours = await _backend.ReadInventoryAsync(Target(), Settings(), CancellationToken.None);
        var theirs = Ipmitool.Fields(await IpmitoolAsync("fru", "print", "0"));
        Assert.Equal(theirs["Board Mfg"], ours.Board?.Manufacturer);
        Assert.Equal(theirs["Board Product"], ours.Board?.ProductName);
        Assert.Equal(theirs["Board Serial"], ours.Board?.SerialNumber);
        Assert.Equal(theirs["Board Part Number"], ours.Board?.PartNumber);
        Assert.Equal(theirs["Product Manufacturer"], ours.Product?.Manufacturer);
        Assert.Equal(theirs["Product Name"], ours.Product?.Name);
        Assert.Equal(theirs["Product Serial"], ours.Product?.SerialNumber);
        Assert.Equal(theirs["Chassis Serial"], ours.Chassis?.SerialNumber);
        Assert.Equal(theirs["Chassis Type"], ours.Chassis?.Type);
    }

    [SkippableFact]
    public async Task DeviceIdAndLanConfigMatchIpmitool()
    {
        _peer.EnsureAvailable();
        var inventory = await _backend.ReadInventoryAsync(Target(), Settings(), CancellationToken.None);
        var mc = Ipmitool.Fields(await IpmitoolAsync("mc", "info"));
        Assert.Equal(int.Parse(mc["Manufacturer ID"], CultureInfo.InvariantCulture), inventory.Bmc!.ManufacturerId);
        Assert.Equal(int.Parse(mc["Device ID"], CultureInfo.InvariantCulture), inventory.Bmc.DeviceId);
        Assert.Equal(mc["IPMI Version"], inventory.Bmc.IpmiVersion);
        var lan = Ipmitool.Fields(await IpmitoolAsync("lan", "print", "1"));
        Assert.Equal(lan["IP Address"], inventory.Lan!.IpAddress);
        Assert.Equal(lan["MAC Address"], inventory.Lan.MacAddress);
        Assert.Equal(lan["Subnet Mask"], inventory.Lan.SubnetMask);
    }

    [SkippableFact]
    public async Task SolCarriesTheHostConsoleBothWays()
    {
        _peer.EnsureAvailable();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var session = await IpmiSession.OpenAsync(new IPEndPoint(IPAddress.Loopback, _peer.Port), new IpmiSessionOptions
        {
            UserName = _peer.User,
            Password = Encoding.ASCII.GetBytes(_peer.Password),
            Retransmit = new RetransmitPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 3),
        }, _transport, cts.Token);
        await using var console = await SolConsole.OpenAsync(session, new SolConsoleOptions { Steal = true }, cts.Token);
        await console.WriteAsync(Encoding.ASCII.GetBytes("hostname\r"), cts.Token);
        var seen = new StringBuilder();
        while (!seen.ToString().Contains($"sim{_peer.Port}", StringComparison.Ordinal))
        {
            var chunk = await console.Output.ReadAsync(cts.Token);
            seen.Append(Encoding.ASCII.GetString(chunk));
        }
        // the host echoed what we typed and answered the command
        Assert.Contains("hostname", seen.ToString(), StringComparison.Ordinal);
        Assert.Contains($"sim{_peer.Port}", seen.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SessionlessAuthCapabilitiesInTheIpmi15FormatAreAnswered()
    {
        _peer.EnsureAvailable();
        var caps = await SessionlessRequest.GetChannelAuthenticationCapabilitiesAsync(new IPEndPoint(IPAddress.Loopback, _peer.Port),
            new RetransmitPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 2), _transport);
        Assert.True(caps.ExtendedCapabilities);
        Assert.True(caps.SupportsIpmi20);
        Assert.False(caps.AnonymousLoginEnabled && caps.NullUserNamesEnabled && !caps.NonNullUserNamesEnabled);
    }

    [SkippableFact]
    public async Task WrongPasswordAndUnknownUserFailFastWithTheRightCategory()
    {
        _peer.EnsureAvailable();
        var sw = Stopwatch.StartNew();
        var bad = await Assert.ThrowsAsync<IpmiException>(() => _backend.PowerAsync(Target(), Settings("not-the-password"), PowerAction.Status, CancellationToken.None));
        Assert.Equal(IpmiError.BadPassword, bad.Error);
        var unknown = await Assert.ThrowsAsync<IpmiException>(() => _backend.PowerAsync(Target("nobody"), Settings(), PowerAction.Status, CancellationToken.None));
        Assert.Equal(IpmiError.UnknownUser, unknown.Error);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"two refusals took {sw.Elapsed}");
    }
}

using Lifeline.Drivers;
using System.Text.Json;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Commands;
using Lifeline.Cli.Targets;
using Lifeline.Cli.Tests.Fakes;

namespace Lifeline.Cli.Tests.Commands;

/// <summary>The Redfish-only verbs, TLS options and protocol routing, against fake backends.</summary>
public sealed class RedfishCommandsTests
{
    private const string Pin = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    [Fact]
    public async Task FirmwareListPrintsOneBlockPerRangeAndJsonHasSnakeCaseFields()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("firmware", "list", "--bmc", "redfish://admin@10.0.0.[1-2]", "--insecure"));
        Assert.Contains("BMC: 1.0.0 (BMC firmware), updateable", cli.Terminal.Output, StringComparison.Ordinal);

        var json = new CliRunner();
        Assert.Equal(0, await json.RunAsync("firmware", "list", "--bmc", "redfish://admin@10.0.0.1", "--insecure", "-o", "json"));
        var line = JsonDocument.Parse(Assert.Single(json.OutputLines)).RootElement;
        Assert.Equal("1.0.0", line.GetProperty("firmware")[0].GetProperty("version").GetString());
        Assert.True(line.GetProperty("firmware")[0].GetProperty("updateable").GetBoolean());
    }

    [Fact]
    public async Task ARedfishOnlyVerbOnAnIpmiTargetSaysToUseARedfishUrl()
    {
        var cli = new CliRunner();
        Assert.Equal(1, await cli.RunAsync("firmware", "list", "--bmc", "ipmi://admin@10.0.0.1"));
        Assert.Contains("error not-supported", cli.Terminal.Output, StringComparison.Ordinal);
        Assert.Contains("use a redfish://USER@HOST URL", cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureWarnsLoudlyOnStderr()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("power", "status", "--bmc", "redfish://admin@10.0.0.1", "--insecure"));
        Assert.Contains("WARNING: --insecure", cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(TlsTrust.Insecure, cli.Backend.LastConnection!.Tls.Trust);
    }

    [Fact]
    public async Task PinAcceptsColonsAndIsPassedNormalised()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("power", "status", "--bmc", "redfish://admin@10.0.0.1", "--pin", Pin));
        Assert.Equal(TlsTrust.Pinned, cli.Backend.LastConnection!.Tls.Trust);
        Assert.Equal(Pin.Replace(":", "", StringComparison.Ordinal), cli.Backend.LastConnection.Tls.Pin);
        Assert.Empty(cli.Terminal.Errors);
    }

    [Fact]
    public async Task TrustOnFirstUseIsTheDefaultAndItsStoreFollowsXdgConfigHome()
    {
        var cli = new CliRunner();
        cli.Environment.Set("XDG_CONFIG_HOME", "/tmp/xdg-test");
        Assert.Equal(0, await cli.RunAsync("power", "status", "--bmc", "redfish://admin@10.0.0.1"));
        Assert.Equal(TlsTrust.TrustOnFirstUse, cli.Backend.LastConnection!.Tls.Trust);
        Assert.Equal("/tmp/xdg-test/lifeline/known_bmcs", cli.Backend.LastConnection.Tls.PinStorePath);
    }

    [Theory]
    [InlineData("--pin", "abcd", "64 hex digits")]
    [InlineData("--ca", "/nonexistent/ca.pem", "no such file")]
    public async Task BadTlsOptionsAreUsageErrors(string option, string value, string message)
    {
        var cli = new CliRunner();
        Assert.Equal(2, await cli.RunAsync("power", "status", "--bmc", "redfish://admin@10.0.0.1", option, value));
        Assert.Contains(message, cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(cli.Backend.Calls);
    }

    [Fact]
    public async Task InsecureAndPinTogetherAreAUsageError()
    {
        var cli = new CliRunner();
        Assert.Equal(2, await cli.RunAsync("power", "status", "--bmc", "redfish://admin@10.0.0.1", "--insecure", "--pin", Pin));
        Assert.Contains("at most one of --insecure, --pin and --ca", cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BiosGetShowsPendingValuesAndOneAttributeAlone()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("bios", "get", "ProcTurboMode", "--bmc", "redfish://admin@10.0.0.1", "--insecure"));
        Assert.Equal(["10.0.0.1: Enabled (pending: Disabled at the next reset)"], cli.OutputLines);
    }

    [Fact]
    public async Task BiosSetParsesAssignmentsAndRefusesAMalformedOne()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("bios", "set", "BootMode=Legacy", "NumCores=4", "--bmc", "redfish://admin@10.0.0.1", "--insecure"));
        var request = Assert.IsType<BiosSetRequest>(cli.Backend.LastRequest);
        Assert.Equal("Legacy", request.Attributes["BootMode"]);
        Assert.Equal("4", request.Attributes["NumCores"]);

        var bad = new CliRunner();
        Assert.Equal(2, await bad.RunAsync("bios", "set", "BootMode", "--bmc", "redfish://admin@10.0.0.1"));
        Assert.Contains("'BootMode' is not ATTR=VALUE", bad.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirmwareUpdateTellsUrlsFromFilesAndNeedsAnImage()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("firmware", "update", "--image", "http://repo/fw.bin", "--bmc", "redfish://admin@10.0.0.1", "--insecure"));
        var request = Assert.IsType<FirmwareUpdateRequest>(cli.Backend.LastRequest);
        Assert.Equal("http://repo/fw.bin", request.ImageUrl);
        Assert.Null(request.ImageFile);
        Assert.Contains("update completed (100%): done", cli.Terminal.Output, StringComparison.Ordinal);

        var missing = new CliRunner();
        Assert.Equal(2, await missing.RunAsync("firmware", "update", "--image", "/no/such/fw.bin", "--bmc", "redfish://admin@10.0.0.1"));
        Assert.Contains("no such file", missing.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaInsertNeedsAnAbsoluteUrl()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("media", "insert", "http://repo/boot.iso", "--bmc", "redfish://admin@10.0.0.1", "--insecure"));
        Assert.Equal("http://repo/boot.iso", Assert.IsType<MediaInsertRequest>(cli.Backend.LastRequest).ImageUrl);

        var bad = new CliRunner();
        Assert.Equal(2, await bad.RunAsync("media", "insert", "boot.iso", "--bmc", "redfish://admin@10.0.0.1"));
    }

    [Fact]
    public async Task EventsWatchPrintsOneJsonObjectPerEventWithItsNodeAndStopsAtCount()
    {
        var cli = new CliRunner();
        cli.Backend.Events = t => [new BmcEvent("2026-01-01T00:00:00Z", "Warning", "Base.1.0.Test", $"hello from {t.Node}", null)];
        int exit = await cli.RunAsync("events", "watch", "--count", "2", "-o", "json", "--bmc", "redfish://admin@10.0.0.[1-2]", "--insecure");
        Assert.Equal(0, exit);
        var lines = cli.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("Base.1.0.Test", l.GetProperty("event").GetProperty("message_id").GetString()));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], lines.Select(l => l.GetProperty("node").GetString()).Order());
    }

    [Fact]
    public async Task RoutingSendsEachTargetToTheBackendOfItsScheme()
    {
        var ipmi = new FakeBackend();
        var redfish = new FakeBackend { Power = (_, _) => new PowerResult(PowerState.Off) };
        var router = new RoutingBackend(ipmi, redfish);
        var connection = new ConnectionSettings(null, false, PrivilegeLevel.Administrator, Lifeline.Drivers.Secret.FromText("x"), null, TimeSpan.FromSeconds(1), 0);
        var a = await router.PowerAsync(new BmcTarget(BmcScheme.Ipmi, "admin", "10.0.0.1", 623), connection, PowerAction.Status, CancellationToken.None);
        var b = await router.PowerAsync(new BmcTarget(BmcScheme.Redfish, "admin", "10.0.0.1", 443), connection, PowerAction.Status, CancellationToken.None);
        var c = await router.PowerAsync(new BmcTarget(BmcScheme.RedfishHttp, "admin", "10.0.0.1", 8000), connection, PowerAction.Status, CancellationToken.None);
        Assert.Equal(PowerState.On, a.State);
        Assert.Equal(PowerState.Off, b.State);
        Assert.Equal(PowerState.Off, c.State);
        Assert.Single(ipmi.Calls);
        Assert.Equal(2, redfish.Calls.Count);
    }

    [Fact]
    public void UntrustedCertificatesSayHowToReTrust()
    {
        var backend = new Lifeline.Drivers.Redfish.RedfishBmcBackend();
        var error = ((IBmcBackend)backend).DescribeFailure(
            new Lifeline.Redfish.RedfishException(Lifeline.Redfish.RedfishError.UntrustedCertificate, "certificate changed"));
        Assert.NotNull(error);
        Assert.Equal("untrusted-certificate", error.Category);
        Assert.Contains("known_bmcs", error.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BootDevice.Pxe, Lifeline.Redfish.Resources.BootSource.Pxe)]
    [InlineData(BootDevice.Disk, Lifeline.Redfish.Resources.BootSource.Hdd)]
    [InlineData(BootDevice.Cdrom, Lifeline.Redfish.Resources.BootSource.Cd)]
    [InlineData(BootDevice.Bios, Lifeline.Redfish.Resources.BootSource.BiosSetup)]
    [InlineData(BootDevice.Removable, Lifeline.Redfish.Resources.BootSource.Usb)]
    [InlineData(BootDevice.None, Lifeline.Redfish.Resources.BootSource.None)]
    public void BootDevicesMapToRedfishTargets(BootDevice device, Lifeline.Redfish.Resources.BootSource expected) =>
        Assert.Equal(expected, Lifeline.Drivers.Redfish.RedfishBmcBackend.Map(device));
}

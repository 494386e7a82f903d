using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>Which command lines go to direct mode (BMCs) and which to fleet mode (the service).</summary>
public sealed class ModeRoutingTests
{
    private static bool IsFleet(params string[] args) => ModeRouting.IsFleet(args, CliApp.ValueOptions);

    [Theory]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("power", "on", "--bmc-file", "fleet.txt")]
    [InlineData("power", "cycle", "--bmc=ipmi://admin@node[1-4]")]
    [InlineData("sensors", "--bmc", "ipmi://admin@10.0.0.1", "-o", "json")]
    [InlineData("boot", "pxe", "--persistent", "--efi", "--bmc", "ipmi://admin@node[01-04]")]
    [InlineData("boot", "status", "--bmc", "ipmi://admin@n1")]
    [InlineData("bmc", "info", "--bmc", "ipmi://admin@n1")]
    [InlineData("bmc", "reset", "--cold", "--bmc", "ipmi://admin@n1")]
    [InlineData("events", "watch", "--bmc", "redfish://admin@n1")]
    [InlineData("identify", "--seconds", "30", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("inventory", "--bmc-file", "fleet.txt")]
    [InlineData("sel", "list", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("raw", "0x06", "0x01", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("discover", "10.0.0.[1-5]")]
    [InlineData("sim", "--nodes", "3")]
    [InlineData("demo")]
    [InlineData("console", "--bmc", "ipmi://admin@10.0.0.1", "--force")]
    [InlineData("console")]
    public void DirectModeCommandLinesAreLeftAsTheyAre(params string[] args)
    {
        Assert.False(IsFleet(args));
        Assert.Same(args, ModeRouting.Route(args, CliApp.ValueOptions));
    }

    [Theory]
    [InlineData("power", "status")]
    [InlineData("power", "on")]
    [InlineData("power", "--timeout", "5", "off")]
    [InlineData("boot", "pxe")]
    [InlineData("bmc", "info")]
    [InlineData("events", "watch")]
    [InlineData("sensors")]
    [InlineData("power")]
    [InlineData("power", "--help")]
    public void ADirectSubcommandOrNoWordAtAllStaysInDirectModeEvenWithoutBmc(params string[] args) => Assert.False(IsFleet(args));

    [Theory]
    [InlineData("power", "n[1-4]", "on")]
    [InlineData("power", "rack1")]
    [InlineData("power", "--timeout", "5", "rack1,-n7", "off")]
    [InlineData("power", "-o", "json", "n1")]
    [InlineData("boot", "rack1", "pxe", "--efi")]
    [InlineData("boot", "n1", "status")]
    [InlineData("sensors", "n1")]
    [InlineData("events", "n1", "--clear")]
    [InlineData("inventory", "~^gpu")]
    [InlineData("bmc", "rack1", "info")]
    [InlineData("identify", "n7", "--seconds", "60")]
    [InlineData("health", "n1")]
    [InlineData("health")]
    [InlineData("state")]
    public void ANoderangeAfterASharedVerbGoesToFleetMode(params string[] args)
    {
        Assert.True(IsFleet(args));
        Assert.Equal(["fleet", .. args], ModeRouting.Route(args, CliApp.ValueOptions));
    }

    [Fact]
    public void BmcAfterTheDoubleDashDoesNotCountAsAnOption() =>
        Assert.True(IsFleet("power", "n1", "on", "--", "--bmc"));

    [Theory]
    [InlineData("console", "n1")]
    [InlineData("console", "--replay", "100", "n1", "--spy")]
    [InlineData("console", "log", "n1", "--since", "1h")]
    [InlineData("console", "list")]
    public void ConsoleWithoutBmcGoesToTheFleetConsoleCommands(params string[] args)
    {
        Assert.True(IsFleet(args));
        Assert.Equal([ModeRouting.FleetBranch, .. args], ModeRouting.Route(args, CliApp.ValueOptions));
    }
}

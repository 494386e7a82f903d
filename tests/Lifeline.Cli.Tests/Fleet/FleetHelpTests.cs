namespace Lifeline.Cli.Tests.Fleet;

/// <summary>Every fleet command's help renders (descriptions are Spectre markup: a stray '[' breaks them).</summary>
public sealed class FleetHelpTests
{
    [Theory]
    [InlineData("fleet")]
    [InlineData("fleet power")]
    [InlineData("fleet boot")]
    [InlineData("fleet sensors")]
    [InlineData("fleet health")]
    [InlineData("fleet events")]
    [InlineData("fleet inventory")]
    [InlineData("fleet bmc")]
    [InlineData("fleet identify")]
    [InlineData("fleet state")]
    [InlineData("power n1")]
    [InlineData("login")]
    [InlineData("logout")]
    [InlineData("whoami")]
    [InlineData("nodes list")]
    [InlineData("nodes show")]
    [InlineData("nodes add")]
    [InlineData("nodes set")]
    [InlineData("nodes remove")]
    [InlineData("nodes import")]
    [InlineData("nodes export")]
    [InlineData("groups list")]
    [InlineData("groups show")]
    [InlineData("groups set")]
    [InlineData("groups remove")]
    [InlineData("credentials list")]
    [InlineData("credentials set")]
    [InlineData("credentials remove")]
    [InlineData("users list")]
    [InlineData("users show")]
    [InlineData("users add")]
    [InlineData("users set")]
    [InlineData("users remove")]
    [InlineData("tokens list")]
    [InlineData("tokens create")]
    [InlineData("tokens revoke")]
    [InlineData("audit")]
    [InlineData("power")]
    [InlineData("")]
    public async Task HelpRendersWithoutError(string command)
    {
        using var cli = new FleetCli();
        int exit = await cli.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.True(exit == 0, $"exit {exit}: {cli.Terminal.Errors}");
        Assert.Contains("USAGE:", cli.Terminal.Output, StringComparison.Ordinal);
        Assert.Empty(cli.Terminal.Errors);
    }

    [Fact]
    public async Task TheTopLevelHelpNamesTheRoutingRule()
    {
        using var cli = new FleetCli();
        Assert.Equal(0, await cli.RunAsync("--help"));
        // The help wraps at the console width: compare with whitespace runs folded.
        string help = System.Text.RegularExpressions.Regex.Replace(cli.Terminal.Output, @"\s+", " ");
        Assert.Contains("without --bmc/--bmc-file whose first word is not a direct subcommand takes a noderange", help, StringComparison.Ordinal);
        Assert.Contains("Fleet mode: power NODERANGE [ACTION]", help, StringComparison.Ordinal);
    }
}

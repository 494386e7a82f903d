using Lifeline.Drivers;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Targets;

public class BmcUrlTests
{
    private static BmcTarget[] Targets(params string[] urls) => TargetList.Build(urls, null).ToArray();

    private static TargetSyntaxException Rejected(string url) =>
        Assert.Throws<TargetSyntaxException>(() => TargetList.Build([url], null));

    [Fact]
    public void AUrlWithoutPortUsesPort623()
    {
        var target = Assert.Single(Targets("ipmi://admin@10.0.0.5"));
        Assert.Equal(new BmcTarget(BmcScheme.Ipmi, "admin", "10.0.0.5", 623), target);
        Assert.Equal("10.0.0.5", target.Node);
        Assert.Equal("ipmi://admin@10.0.0.5", target.ToString());
    }

    [Fact]
    public void AnExplicitPortIsKeptAndShownInTheNodeName()
    {
        var target = Assert.Single(Targets("ipmi://root@bmc7.example.com:6230"));
        Assert.Equal(6230, target.Port);
        Assert.Equal("bmc7.example.com:6230", target.Node);
    }

    [Fact]
    public void IPv6HostsAreWrittenInBrackets()
    {
        var target = Assert.Single(Targets("ipmi://admin@[fd00::5]:624"));
        Assert.Equal("fd00::5", target.Host);
        Assert.Equal(624, target.Port);
        Assert.Equal("[fd00::5]:624", target.Node);
        Assert.Equal("fd00::1", Assert.Single(Targets("ipmi://admin@[fd00::1]")).Node);
    }

    [Fact]
    public void HostAndPortRangesExpandHostsOutermost()
    {
        var targets = Targets("ipmi://admin@10.0.0.[1-2]:[9001-9002]");
        Assert.Equal(["10.0.0.1:9001", "10.0.0.1:9002", "10.0.0.2:9001", "10.0.0.2:9002"], targets.Select(t => t.Node));
    }

    [Fact]
    public void AFiveHundredNodeRangeGivesFiveHundredTargets()
    {
        Assert.Equal(500, Targets("ipmi://admin@127.0.[1-2].[1-250]").Length);
    }

    [Fact]
    public void UserNamesArePercentDecodedAndHostNamesLowerCased()
    {
        var target = Assert.Single(Targets("IPMI://op%40site@BMC-01.Example.COM"));
        Assert.Equal("op@site", target.User);
        Assert.Equal("bmc-01.example.com", target.Host);
    }

    [Fact]
    public void DuplicatesAreDroppedKeepingTheFirstOrder()
    {
        var targets = Targets("ipmi://admin@n[3-4]", "ipmi://admin@n[1-3]", "ipmi://admin@N2");
        Assert.Equal(["n3", "n4", "n1", "n2"], targets.Select(t => t.Host));
    }

    [Fact]
    public void APasswordInTheUrlIsRefusedPointingAtTheEnvironmentVariableWithoutEchoingIt()
    {
        var e = Rejected("ipmi://admin:hunter2@10.0.0.5");
        Assert.Contains("LIFELINE_BMC_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("ipmi://admin:***@10.0.0.5", e.Message, StringComparison.Ordinal);
        Assert.Equal(13, e.Column);
    }

    [Fact]
    public void APasswordIsNotEchoedEvenWhenTheSchemeIsWrong()
    {
        var e = Rejected("redfish://admin:hunter2@10.0.0.5");
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://admin@10.0.0.5", "redfish://USER@HOST")]
    [InlineData("http://admin@10.0.0.5:8000", "redfish+http://USER@HOST:PORT")]
    public void BareHttpSchemesPointAtTheRedfishOnes(string url, string hint)
    {
        Assert.Contains(hint, Rejected(url).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedfishMeansHttpsOnPort443()
    {
        var target = Assert.Single(BmcUrl.Parse("redfish://admin@10.0.0.5").Expand());
        Assert.Equal(new BmcTarget(BmcScheme.Redfish, "admin", "10.0.0.5", 443), target);
        Assert.Equal("10.0.0.5", target.Node);
        Assert.Equal("redfish://admin@10.0.0.5", target.ToString());
        Assert.True(target.IsRedfish);
    }

    [Fact]
    public void RedfishPlusHttpIsPlainHttpAndKeepsItsPortInTheNodeName()
    {
        var targets = BmcUrl.Parse("redfish+http://root@127.0.0.1:[8000-8002]").Expand().ToList();
        Assert.All(targets, t => Assert.Equal(BmcScheme.RedfishHttp, t.Scheme));
        Assert.Equal(["127.0.0.1:8000", "127.0.0.1:8001", "127.0.0.1:8002"], targets.Select(t => t.Node));
        Assert.Equal("redfish+http://root@127.0.0.1:8000", targets[0].ToString());
    }

    [Fact]
    public void RedfishTakesHostRangesAndANonDefaultPortShowsInTheNodeName()
    {
        var targets = BmcUrl.Parse("redfish://admin@bmc[1-2]:8443").Expand().ToList();
        Assert.Equal(["bmc1:8443", "bmc2:8443"], targets.Select(t => t.Node));
        Assert.All(targets, t => Assert.Equal(BmcScheme.Redfish, t.Scheme));
    }

    [Fact]
    public void ARedfishUrlWithAPasswordIsRefusedWithoutEchoingIt()
    {
        var e = Rejected("redfish://admin:hunter2@10.0.0.5");
        Assert.Contains("LIFELINE_BMC_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://admin@10.0.0.5", "unknown scheme 'ftp'")]
    [InlineData("admin@10.0.0.5", "expected a BMC URL like ipmi://")]
    [InlineData("ipmi://10.0.0.5", "a user is required")]
    [InlineData("ipmi://@10.0.0.5", "a user is required")]
    [InlineData("ipmi://admin@", "a host is required")]
    [InlineData("ipmi://admin@10.0.0.5/redfish", "no path, query or fragment")]
    [InlineData("ipmi://admin@10.0.0.5:", "a port number is required")]
    [InlineData("ipmi://admin@10.0.0.5:http", "unexpected 'h' in the port")]
    [InlineData("ipmi://admin@10.0.0.5:70000", "port 70000 is out of range")]
    [InlineData("ipmi://admin@[fd00::zz]", "not a valid IPv6 address")]
    [InlineData("ipmi://admin@bmc!1", "not a valid host name")]
    public void MalformedUrlsAreRejectedWithAReason(string url, string reason)
    {
        Assert.Contains(reason, Rejected(url).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReversedRangeIsRejectedWithACaretUnderItsColumn()
    {
        var e = Rejected("ipmi://admin@127.0.1.[500-1]");
        Assert.Equal(23, e.Column);
        var lines = e.Message.Split('\n');
        Assert.StartsWith("--bmc: reversed range 500-1", lines[0], StringComparison.Ordinal);
        Assert.Equal("  ipmi://admin@127.0.1.[500-1]", lines[1]);
        Assert.Equal(new string(' ', 2 + 22) + "^", lines[2]);
    }

    [Fact]
    public void AMalformedRangeInThePortPointsIntoThePort()
    {
        Assert.Equal(23, Rejected("ipmi://admin@10.0.0.1:[9-").Column);
    }

    [Fact]
    public void AnOctetAbove255AfterExpansionNamesTheFirstBadHost()
    {
        var e = Rejected("ipmi://admin@127.0.1.[250-300]");
        Assert.Contains("127.0.1.256 is not a valid IPv4 address", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroPaddedOctetsAreRefusedBecauseSomeToolsReadThemAsOctal()
    {
        Assert.Contains("leading zero", Rejected("ipmi://admin@10.0.0.[001-010]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DottedNumbersThatAreNotFourOctetsAreRefused()
    {
        Assert.Contains("expected four numbers", Rejected("ipmi://admin@10.0.[1-2]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpansionsAboveTheCapAreRefusedBeforeExpanding()
    {
        var e = Rejected("ipmi://admin@n[1-1000].[1-1001]");
        Assert.Contains("expands to 1,001,000 BMCs; the limit is 1,000,000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCapCountsAllUrlsTogether()
    {
        var e = Assert.Throws<TargetSyntaxException>(() => TargetList.Build(["ipmi://a@n[1-8]", "ipmi://a@m[1-3]"], null, maxTargets: 10));
        Assert.Contains("with the 8 before it passes the limit of 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTargetAtAllIsAUsageError()
    {
        Assert.Contains("no BMC given", Assert.Throws<UsageException>(() => TargetList.Build([], null)).Message, StringComparison.Ordinal);
    }
}

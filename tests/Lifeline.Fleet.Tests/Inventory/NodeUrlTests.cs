using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Tests.Inventory;

public sealed class NodeUrlTests
{
    [Theory]
    [InlineData("ipmi://admin@127.0.1.1:623", BmcScheme.Ipmi, "admin", "127.0.1.1", 623)]
    [InlineData("ipmi://10.0.0.5", BmcScheme.Ipmi, "", "10.0.0.5", 623)]
    [InlineData("redfish://root@BMC-1.example.com", BmcScheme.Redfish, "root", "bmc-1.example.com", 443)]
    [InlineData("redfish+http://admin@127.0.1.1:8000", BmcScheme.RedfishHttp, "admin", "127.0.1.1", 8000)]
    [InlineData("ipmi://admin@[fd00::5]:6230", BmcScheme.Ipmi, "admin", "fd00::5", 6230)]
    [InlineData("ipmi://my%20user@h1", BmcScheme.Ipmi, "my user", "h1", 623)]
    public void ValidUrlsParse(string url, BmcScheme scheme, string user, string host, int port)
    {
        Assert.Equal(new BmcTarget(scheme, user, host, port), NodeUrl.Parse(url));
    }

    [Fact]
    public void APasswordInTheUrlIsRefusedWithAPointerToCredentials()
    {
        Assert.False(NodeUrl.TryParse("ipmi://admin:hunter2@10.0.0.5", out _, out string problem));

        Assert.Contains("credential", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://admin@10.0.0.5", "redfish://")]
    [InlineData("http://admin@10.0.0.5", "redfish+http://")]
    [InlineData("ssh://admin@10.0.0.5", "unknown scheme")]
    [InlineData("10.0.0.5", "not a BMC URL")]
    [InlineData("ipmi://admin@", "host is required")]
    [InlineData("ipmi://admin@10.0.0.5:0", "not a port")]
    [InlineData("ipmi://admin@10.0.0.5:70000", "not a port")]
    [InlineData("ipmi://admin@10.0.0.5:abc", "not a port")]
    [InlineData("redfish://admin@10.0.0.5/redfish/v1", "no path")]
    [InlineData("ipmi://admin@10.0.0.[1-5]", "no ranges")]
    [InlineData("ipmi://admin@10.0.0.256", "IPv4")]
    [InlineData("ipmi://admin@[fd00::zz]", "IPv6")]
    [InlineData("", "empty")]
    public void InvalidUrlsSayWhatIsWrong(string url, string expected)
    {
        Assert.False(NodeUrl.TryParse(url, out _, out string problem));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheIpmiFieldRefusesARedfishUrlAndTheOtherWayRound()
    {
        Assert.Contains("redfish", NodeUrl.CheckIpmi("redfish://admin@h1"), StringComparison.Ordinal);
        Assert.Contains("ipmi", NodeUrl.CheckRedfish("ipmi://admin@h1"), StringComparison.Ordinal);
        Assert.Null(NodeUrl.CheckIpmi("ipmi://admin@h1"));
        Assert.Null(NodeUrl.CheckRedfish("redfish+http://admin@h1:8000"));
    }
}

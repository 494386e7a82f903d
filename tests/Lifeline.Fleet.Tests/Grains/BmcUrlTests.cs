using Lifeline.Drivers;
using Lifeline.Fleet.Grains;

namespace Lifeline.Fleet.Tests.Grains;

public sealed class BmcUrlTests
{
    [Theory]
    [InlineData("ipmi://bmc-r12.example", BmcScheme.Ipmi, "", "bmc-r12.example", 623)]
    [InlineData("ipmi://admin@10.0.0.5:6230", BmcScheme.Ipmi, "admin", "10.0.0.5", 6230)]
    [InlineData("IPMI://Admin@BMC1/", BmcScheme.Ipmi, "Admin", "bmc1", 623)]
    [InlineData("redfish://root@[fd00::5]:8443", BmcScheme.Redfish, "root", "fd00::5", 8443)]
    [InlineData("redfish://bmc1", BmcScheme.Redfish, "", "bmc1", 443)]
    [InlineData("redfish+http://bmc1", BmcScheme.RedfishHttp, "", "bmc1", 80)]
    [InlineData("ipmi://us%40er@bmc1", BmcScheme.Ipmi, "us@er", "bmc1", 623)]
    public void AStoredUrlBecomesATarget(string url, BmcScheme scheme, string user, string host, int port)
    {
        Assert.True(BmcUrl.TryParse(url, out var target, out var error), error);
        Assert.Equal(new BmcTarget(scheme, user, host, port), target);
    }

    [Theory]
    [InlineData("bmc1", "not a BMC URL")]
    [InlineData("ssh://bmc1", "not a BMC URL scheme")]
    [InlineData("ipmi://admin:secret@bmc1", "holds a password")]
    [InlineData("redfish://bmc1/redfish/v1", "no path")]
    [InlineData("ipmi://bmc1:0", "port")]
    [InlineData("ipmi://bmc1:99999", "port")]
    [InlineData("ipmi://admin@", "no host")]
    [InlineData("redfish://[fd00::5", "closing ']'")]
    public void ABadUrlSaysWhatIsWrong(string url, string reason)
    {
        Assert.False(BmcUrl.TryParse(url, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}

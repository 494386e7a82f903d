namespace Lifeline.Redfish.Tests;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("redfish://admin@10.0.0.5", "https", 443, "admin")]
    [InlineData("redfish://10.0.0.5:8443", "https", 8443, null)]
    [InlineData("redfish+http://root@127.0.0.1:8000", "http", 8000, "root")]
    [InlineData("https://bmc.example", "https", 443, null)]
    public void RedfishUrlsMapToAnOriginAndAUser(string url, string scheme, int port, string? user)
    {
        var e = RedfishEndpoint.Parse(url);
        Assert.Equal(scheme, e.Origin.Scheme);
        Assert.Equal(port, e.Origin.Port);
        Assert.Equal(user, e.UserName);
        Assert.Equal(scheme == "http", e.IsPlainHttp);
    }

    [Theory]
    [InlineData("ipmi://admin@10.0.0.5")]
    [InlineData("10.0.0.5")]
    [InlineData("redfish://")]
    public void OtherUrlsAreInvalidRequests(string url) =>
        Assert.Equal(RedfishError.InvalidRequest, Assert.Throws<RedfishException>(() => RedfishEndpoint.Parse(url)).Error);
}

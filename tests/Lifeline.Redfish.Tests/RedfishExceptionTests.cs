namespace Lifeline.Redfish.Tests;

public sealed class RedfishExceptionTests
{
    [Fact]
    public void ARejectionSuggestsTheServicesOwnResolutions()
    {
        var e = new RedfishException(RedfishError.Rejected, "PATCH refused") { StatusCode = 400, MessageId = "Base.1.8.PropertyValueNotInList", Resolutions = ["Choose a value from the enumeration list."] };
        Assert.Equal("Choose a value from the enumeration list.", e.NextStep);
        Assert.False(e.IsRetryable);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void ThrottlingAndUnavailableAreRetryable(int status) =>
        Assert.True(new RedfishException(RedfishError.Rejected, "busy") { StatusCode = status }.IsRetryable);
}

using Lifeline.Drivers;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Operations;

namespace Lifeline.Fleet.Tests.Operations;

public sealed class FleetOptionsTests
{
    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(new FleetOptions().Validate());
    }

    [Fact]
    public void SettingsThatCannotWorkAreRefusedWithWhatToSet()
    {
        var options = new FleetOptions
        {
            OperationTimeout = TimeSpan.Zero,
            NodeIdleTimeout = TimeSpan.FromSeconds(30),
            MaxRequestsPerBmc = 0,
            IpmiCipherSuite = 0,
            RedfishTlsTrust = TlsTrust.Pinned,
        };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("Fleet:OperationTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Fleet:NodeIdleTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Fleet:MaxRequestsPerBmc", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Fleet:IpmiCipherSuite", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RedfishTlsPin", StringComparison.Ordinal));
    }

    [Fact]
    public void LongReadsGetTheLongDeadline()
    {
        var options = new FleetOptions();

        Assert.Equal(options.LongOperationTimeout, options.TimeoutFor(OperationKind.Sensors));
        Assert.Equal(options.OperationTimeout, options.TimeoutFor(OperationKind.Power));
    }

    [Fact]
    public void TheKnownBmcsFileLivesInTheDataDirectory()
    {
        var options = new FleetOptions { DataDirectory = "/var/lib/lifeline" };

        Assert.Equal("/var/lib/lifeline/known_bmcs", options.TlsSettings().PinStorePath);
        Assert.Equal(TlsTrust.TrustOnFirstUse, options.TlsSettings().Trust);
    }
}

using System.Net;
using System.Net.Sockets;
using Lifeline.Server.Monitoring;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>The primary-path probe: a TCP handshake with the node's in-band address, on real loopback sockets.</summary>
public sealed class PrimaryPathProbeTests
{
    private readonly PrimaryPathProbe _probe = new(TimeProvider.System);

    [Theory]
    [InlineData("10.0.0.5", 22, "10.0.0.5", 22)]
    [InlineData("10.0.0.5:2222", 22, "10.0.0.5", 2222)]
    [InlineData("host.example:80", 22, "host.example", 80)]
    [InlineData("[fd00::5]:2222", 22, "fd00::5", 2222)]
    [InlineData("[fd00::5]", 22, "fd00::5", 22)]
    [InlineData("fd00::5", 22, "fd00::5", 22)]
    public void InBandAddressesParseWithOrWithoutAPort(string address, int defaultPort, string host, int port)
    {
        Assert.True(PrimaryPathProbe.TryParse(address, defaultPort, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.5:0")]
    [InlineData("10.0.0.5:70000")]
    [InlineData("10.0.0.5:ssh")]
    [InlineData("[fd00::5")]
    [InlineData("[fd00::5]x")]
    public void MalformedAddressesAreRefused(string address) => Assert.False(PrimaryPathProbe.TryParse(address, 22, out _, out _));

    [Fact]
    public async Task AListeningHostIsUp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var result = await _probe.ProbeAsync($"127.0.0.1:{port}", 22, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.True(result.Up, result.Detail);
        Assert.StartsWith("connected", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostThatRefusesTheConnectionIsStillUp()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        var result = await _probe.ProbeAsync($"127.0.0.1:{port}", 22, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.True(result.Up, result.Detail);
        Assert.Contains("refused", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedAddressIsDownWithTheReason()
    {
        var result = await _probe.ProbeAsync("10.0.0.5:ssh", 22, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.False(result.Up);
        Assert.Contains("not host or host:port", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnresolvableNameIsDownNotAnException()
    {
        var result = await _probe.ProbeAsync("no-such-host.invalid:22", 22, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.False(result.Up, result.Detail);
    }
}

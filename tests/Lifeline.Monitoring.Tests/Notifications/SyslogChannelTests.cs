using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class SyslogChannelTests
{
    private static SyslogChannel Channel(RsyslogPeer peer, string protocol) => new("log", new ChannelSettings
    {
        Kind = "syslog",
        Host = "127.0.0.1",
        Port = protocol == "udp" ? peer.UdpPort : peer.TcpPort,
        Protocol = protocol,
        Facility = "local3",
        Hostname = "mgmt1.example.com",
        Timeout = TimeSpan.FromSeconds(5),
    }, new FakeTimeProvider(TestAlerts.Start));

    [SkippableTheory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task RsyslogParsesHostnameAppNameMsgIdAndStructuredData(string protocol)
    {
        await using var peer = await RsyslogPeer.StartAsync();
        await using var channel = Channel(peer, protocol);
        var alert = TestAlerts.Fan(node: "node\"12]", summary: "Fan3 falling — 95 RPM/min");

        await channel.DeliverAsync(TestAlerts.Payload(alert), "{}", 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        string line = Assert.Single(await peer.WaitForLinesAsync(1));
        string[] fields = line.Split('|', 8);
        Assert.Equal("mgmt1.example.com", fields[0]);
        Assert.Equal("lifeline", fields[1]);
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
        Assert.Equal("firing", fields[3]);
        Assert.Equal("local3", fields[4]);
        Assert.Equal("crit", fields[5]);
        Assert.Equal("[lifeline@32473 node=\"node\\\"12\\]\" rule=\"fan-failing\" alert=\"7\" severity=\"critical\" subject=\"Fan3\" state=\"firing\" service=\"lifeline-test\"]", fields[6]);
        Assert.EndsWith("FIRING critical node\"12]: Fan3 falling — 95 RPM/min", fields[7], StringComparison.Ordinal);
        Assert.StartsWith("<154>1 2026-03-01T12:00:00", File.ReadAllText(peer.ProtocolFile), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TcpSendsSeveralMessagesOnOneConnectionAndReconnectsAfterTheCollectorRestarts()
    {
        await using var first = await RsyslogPeer.StartAsync(); // disposed early below, and again (no-op) if an assert fails first
        int port = first.TcpPort;
        await using var channel = Channel(first, "tcp");
        await channel.DeliverAsync(TestAlerts.Payload(), "{}", 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await channel.DeliverAsync(TestAlerts.Payload(transition: AlertTransition.Resolved), "{}", 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var lines = await first.WaitForLinesAsync(2);
        Assert.Equal(["firing", "resolved"], lines.Select(l => l.Split('|')[3]));
        Assert.Equal("notice", lines[1].Split('|')[5]);
        await first.DisposeAsync();

        // the collector is gone: the kept connection is dead and a new one is refused
        await Assert.ThrowsAsync<NotificationDeliveryException>(() =>
            channel.DeliverAsync(TestAlerts.Payload(), "{}", 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        await using (var second = await RsyslogPeer.StartAsync(first.UdpPort, port))
        {
            await channel.DeliverAsync(TestAlerts.Payload(), "{}", 4, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Single(await second.WaitForLinesAsync(1));
        }

        // restarted between two deliveries: the kept connection is found dead and replaced, nothing is lost
        await using var third = await RsyslogPeer.StartAsync(first.UdpPort, port);
        await channel.DeliverAsync(TestAlerts.Payload(transition: AlertTransition.Acknowledged), "{}", 5, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("acknowledged", Assert.Single(await third.WaitForLinesAsync(1)).Split('|')[3]);
    }
}

using System.Globalization;
using Lifeline.Drivers;
using Lifeline.Drivers.Ipmi;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Ipmi.Transport;

namespace Lifeline.Interop.Tests.ClientToIpmiSim;

/// <summary>
/// Incremental SEL reads (<see cref="IBmcBackend.ReadEventsSinceAsync"/>) against OpenIPMI's ipmi_sim: events made
/// through its emulator console come back once, in ipmitool's order, and a clear made by ipmitool is noticed.
/// </summary>
[Collection("ipmi_sim")]
public sealed class IncrementalSelAgainstIpmiSimTests : IClassFixture<IpmiSimPeer>, IAsyncLifetime
{
    private readonly IpmiSimPeer _peer;
    private readonly IpmiUdpTransport _transport = new(socketCount: 1);
    private readonly IpmiBmcBackend _backend;

    public IncrementalSelAgainstIpmiSimTests(IpmiSimPeer peer)
    {
        _peer = peer;
        _backend = new IpmiBmcBackend(_transport, TimeProvider.System) { SdrCache = new SdrCache(null) };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private Task<EventBatch> ReadAsync(EventReadCursor? cursor) =>
        _backend.ReadEventsSinceAsync(new BmcTarget(BmcScheme.Ipmi, _peer.User, "127.0.0.1", _peer.Port),
            new ConnectionSettings(null, false, PrivilegeLevel.Administrator, Secret.FromText(_peer.Password), null, TimeSpan.FromSeconds(1), 3),
            cursor, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The record ids ipmitool lists, oldest first.</summary>
    private async Task<List<int>> IpmitoolIdsAsync() =>
        (await Ipmitool.RunAsync("127.0.0.1", _peer.Port, _peer.User, _peer.Password, 3, "sel", "elist"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|').Select(p => p.Trim()).ToArray())
            .Where(p => p.Length >= 5)
            .Select(p => int.Parse(p[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>Sensor 1 goes low and back over its upper thresholds: ipmi_sim logs the crossings.</summary>
    private Task CrossThresholdsAsync() =>
        _peer.EmulatorCommandAsync("sensor_set_value 0x20 0 1 0x20 1", "sensor_set_value 0x20 0 1 0x5c 1");

    [SkippableFact]
    public async Task EventsAddedThroughTheEmulatorAreReadOnceAndAClearIsNoticed()
    {
        _peer.EnsureAvailable();
        var first = await ReadAsync(null);
        Assert.Equal(await IpmitoolIdsAsync(), first.Events.Select(e => e.Event.Id));

        await CrossThresholdsAsync();
        var second = await ReadAsync(first.Cursor);
        var all = await IpmitoolIdsAsync();
        Assert.NotEmpty(second.Events);
        Assert.Equal(all.Skip(first.Events.Count), second.Events.Select(e => e.Event.Id));
        Assert.All(second.Events, e => Assert.Equal(EventKinds.Threshold, e.Kind));
        Assert.False(second.Cleared || second.Restarted);

        var idle = await ReadAsync(second.Cursor);
        Assert.True(idle.Unchanged);
        Assert.Empty(idle.Events);

        await Ipmitool.RunAsync("127.0.0.1", _peer.Port, _peer.User, _peer.Password, 3, "sel", "clear");
        await CrossThresholdsAsync();
        var afterClear = await ReadAsync(idle.Cursor);
        Assert.True(afterClear.Cleared);
        Assert.Equal(await IpmitoolIdsAsync(), afterClear.Events.Select(e => e.Event.Id));
        Assert.Equal(second.Cursor.ClearCount + 1, afterClear.Cursor.ClearCount);
    }
}

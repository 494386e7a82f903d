using Lifeline.Drivers;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Model;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Alerts;

/// <summary>An engine over the in-memory store with fake time, two channels (webhook: everything; mail: critical only) and a comma-list noderange matcher.</summary>
internal sealed class EngineFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public EngineFixture(AlertEngineOptions? options = null)
    {
        Engine = new AlertEngine(Store, (options ?? new AlertEngineOptions()) with
        {
            Channels = [new AlertChannel("webhook"), new AlertChannel("mail", Severity.Critical)],
            ServiceName = "test",
        }, Time, (range, node) => range.Split(',').Contains(node), () => Interlocked.Increment(ref _wakes));
    }

    private int _wakes;

    public FakeTimeProvider Time { get; } = new(Start);
    public FakeMonitoringStore Store { get; } = new();
    public AlertEngine Engine { get; }
    public int Wakes => Volatile.Read(ref _wakes);
    public CancellationToken Token => CancellationToken.None;

    public static SensorSnapshot Snapshot(string node, DateTimeOffset time, params SensorPoint[] sensors) => new(node, time, sensors);

    public SensorSnapshot Fan(string node, double rpm, SensorStatus status) =>
        Snapshot(node, Time.GetUtcNow(), new SensorPoint("Fan1", "Fan", "RPM", rpm, status));

    public SensorSnapshot Cpu(string node, double celsius) =>
        Snapshot(node, Time.GetUtcNow(), new SensorPoint("CPU1 Temp", "Temperature", "degrees C", celsius, SensorStatus.Ok));

    public MonitoredEvent Event(string node, Severity severity, string message, string? kind, long id = 1) =>
        new(id, node, Time.GetUtcNow(), severity, EventSources.Sel, message, "Memory DIMM A", $"k{id}", null, kind, Time.GetUtcNow());

    public IReadOnlyList<QueuedNotification> Rows(AlertTransition transition) => Store.Outbox.Where(n => n.Transition == transition).ToList();

    public void Dispose() => Engine.Dispose();
}

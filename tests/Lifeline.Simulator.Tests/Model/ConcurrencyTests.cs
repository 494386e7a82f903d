using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class ConcurrencyTests
{
    [Fact]
    public async Task ManyThreadsCanDriveOneNodeWhileTimeMoves()
    {
        var clock = Clock();
        var node = On(clock, Quiet with { CorrectableEccPerHour = 30 });
        using var stop = new CancellationTokenSource();

        var ticker = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(3));
            }
            stop.Cancel();
        });
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var buffer = new byte[1024];
            long position = 0;
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                node.ReadSensors();
                position = node.ReadConsole(position, buffer).Next;
                node.GetSelInfo();
                switch (n++ % 50)
                {
                    case 0 when w == 0:
                        node.PowerCycle();
                        break;
                    case 10 when w == 1:
                        Type(node, "\r");
                        break;
                    case 20 when w == 2:
                        node.ForceSensorValue(SensorNumbers.Cpu2Temp, 90);
                        break;
                    case 30 when w == 2:
                        node.ClearForcedSensorValue(SensorNumbers.Cpu2Temp);
                        break;
                    default:
                        break;
                }
            }
        })).ToArray();

        // A hang here means a deadlock between the clock-advancing task and the workers.
        await Task.WhenAll([ticker, .. workers]).WaitAsync(TimeSpan.FromMinutes(2));
        var ids = node.GetSelEntries().Select(e => (int)e.RecordId).ToArray();
        Assert.Equal(ids.Order(), ids);
        var stamps = node.GetSelEntries().Select(e => e.Timestamp).ToArray();
        Assert.Equal(stamps.Order(), stamps); // events are logged in time order
    }
}

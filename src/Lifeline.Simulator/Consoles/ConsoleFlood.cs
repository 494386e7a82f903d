using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Consoles;

/// <summary>
/// Makes every given node print ordinary log lines at <c>bytesPerSecond</c> (for console benchmarks): a timer on the
/// models' clock adds one tenth of a second's worth each tick.
/// </summary>
public sealed class ConsoleFlood : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<BmcModel> _models;
    private readonly int _bytesPerTick;
    private readonly ITimer _timer;

    public ConsoleFlood(IReadOnlyList<BmcModel> models, int bytesPerSecond, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        _models = models;
        _bytesPerTick = Math.Max(1, bytesPerSecond / 10);
        _timer = timeProvider.CreateTimer(static state => ((ConsoleFlood)state!).Emit(), this, Tick, Tick);
    }

    private void Emit()
    {
        foreach (var model in _models)
        {
            model.FloodConsole(_bytesPerTick);
        }
    }

    public void Dispose() => _timer.Dispose();
}

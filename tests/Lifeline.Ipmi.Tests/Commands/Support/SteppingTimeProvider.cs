using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Ipmi.Tests.Commands.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when the code under test starts a timer (Task.Delay with a
/// TimeProvider creates one). Task.Delay completes its continuation asynchronously, so a test must not advance time
/// again until the next wait has begun: <see cref="WaitForTimerAsync"/> is that barrier.
/// </summary>
internal sealed class SteppingTimeProvider : FakeTimeProvider
{
    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Waits until <paramref name="who"/> has started its next timed wait.</summary>
    public async Task WaitForTimerAsync(string who)
    {
        if (!await _timers.WaitAsync(BarrierTimeout))
        {
            Assert.Fail($"{who} did not start its next wait within {BarrierTimeout.TotalSeconds} s");
        }
    }

    /// <summary>Waits for the next timed wait of <paramref name="who"/>, then moves time past it.</summary>
    public async Task StepAsync(string who, TimeSpan by)
    {
        await WaitForTimerAsync(who);
        Advance(by);
    }

    /// <summary>Awaits an operation that should now finish without more time passing.</summary>
    public static async Task<T> Finish<T>(Task<T> task, string who)
    {
        try
        {
            return await task.WaitAsync(BarrierTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{who} did not finish within {BarrierTimeout.TotalSeconds} s of its last step");
            throw;
        }
    }

    public static async Task Finish(Task task, string who)
    {
        try
        {
            await task.WaitAsync(BarrierTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{who} did not finish within {BarrierTimeout.TotalSeconds} s of its last step");
            throw;
        }
    }
}

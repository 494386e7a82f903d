using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Server.Tests.Auth;

public sealed class LoginThrottleTests
{
    private static readonly AuthSettings Settings = new() { FreeAttempts = 2, ThrottleBaseDelay = TimeSpan.FromSeconds(1), ThrottleMaxDelay = TimeSpan.FromSeconds(30) };

    [Fact]
    public void TheDelayDoublesAfterTheFreeAttemptsUpToTheMaximum()
    {
        var throttle = new LoginThrottle(Settings, new FakeTimeProvider());
        Assert.Equal([0, 0, 1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 9).Select(f => throttle.DelayAfter(f).TotalSeconds).ToArray());
    }

    [Fact]
    public void FailuresFromOneAddressDelayEveryUserTriedFromIt()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(Settings, time);
        throttle.Failed("u1", "10.0.0.9");
        throttle.Failed("u2", "10.0.0.9");
        throttle.Failed("u3", "10.0.0.9");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("u4", "10.0.0.9"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("u4", "10.0.0.10"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("u4", "10.0.0.9"));
    }

    [Fact]
    public void FailuresForOneUserDelayItFromEveryAddressUntilASuccess()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(Settings, time);
        foreach (var source in new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4" })
        {
            throttle.Failed("alice", source);
        }

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("alice", "10.0.0.5"));
        throttle.Succeeded("alice", "10.0.0.5");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("alice", "10.0.0.5"));
    }
}

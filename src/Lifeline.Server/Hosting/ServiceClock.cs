namespace Lifeline.Server.Hosting;

/// <summary>
/// The service's own clock (token expiry, throttling, lockout, audit times) is a keyed <see cref="TimeProvider"/>, so
/// tests can drive it with a FakeTimeProvider without freezing the Orleans runtime, which takes the unkeyed one.
/// </summary>
internal static class ServiceClock
{
    public const string Key = "lifeline";
}

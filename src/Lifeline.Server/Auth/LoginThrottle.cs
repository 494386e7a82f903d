using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Lifeline.Server.Configuration;

namespace Lifeline.Server.Auth;

/// <summary>
/// Exponential delays between failed logins, counted per user name and per source address (in memory): after
/// <see cref="AuthSettings.FreeAttempts"/> failures the next attempt must wait <see cref="AuthSettings.ThrottleBaseDelay"/>,
/// then twice that, up to <see cref="AuthSettings.ThrottleMaxDelay"/>. A success clears both counters. Lockout (the
/// persistent part) is the user record's business, see <see cref="LoginService"/>.
/// </summary>
internal sealed class LoginThrottle(AuthSettings settings, [FromKeyedServices(ServiceClock.Key)] TimeProvider time)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, Entry> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Entry> _sources = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait before trying this user from this address; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string user, string source)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var entry in new[] { Find(_users, user), Find(_sources, source) })
        {
            if (entry is not null && entry.NextAllowed > now && entry.NextAllowed - now > wait)
            {
                wait = entry.NextAllowed - now;
            }
        }

        return wait;
    }

    public void Failed(string user, string source)
    {
        var now = time.GetUtcNow();
        Bump(_users, user, now);
        Bump(_sources, source, now);
    }

    public void Succeeded(string user, string source)
    {
        _users.TryRemove(user, out _);
        _sources.TryRemove(source, out _);
    }

    /// <summary>The wait after <paramref name="failures"/> consecutive failures: a pure function of the count.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        int over = failures - settings.FreeAttempts;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        double factor = Math.Pow(2, Math.Min(over - 1, 30));
        var delay = settings.ThrottleBaseDelay * factor;
        return delay > settings.ThrottleMaxDelay ? settings.ThrottleMaxDelay : delay;
    }

    private static Entry? Find(ConcurrentDictionary<string, Entry> map, string key) => map.TryGetValue(key, out var e) ? e : null;

    private void Bump(ConcurrentDictionary<string, Entry> map, string key, DateTimeOffset now)
    {
        if (map.Count > MaxEntries)
        {
            // forget entries whose delay has passed; an attacker spraying names cannot grow this without bound
            foreach (var (k, e) in map)
            {
                if (e.NextAllowed + settings.ThrottleMaxDelay < now)
                {
                    map.TryRemove(k, out _);
                }
            }
        }

        map.AddOrUpdate(
            key,
            _ => new Entry(1, now + DelayAfter(1)),
            (_, e) => new Entry(e.Failures + 1, now + DelayAfter(e.Failures + 1)));
    }

    private sealed record Entry(int Failures, DateTimeOffset NextAllowed);
}

using Lifeline.Server.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Apis;

/// <summary>Reads <c>ttl_hours</c>: absent = the default; otherwise more than 0 and at most the configured maximum.</summary>
internal static class TokenLifetime
{
    public static bool TryParse(double? hours, TimeSpan fallback, AuthSettings settings, out TimeSpan lifetime, out ProblemHttpResult problem)
    {
        problem = null!;
        lifetime = fallback;
        if (hours is null)
        {
            return true;
        }

        if (!double.IsFinite(hours.Value) || hours.Value <= 0 || TimeSpan.FromHours(hours.Value) > settings.MaxTokenLifetime)
        {
            problem = Problems.BadRequest($"ttl_hours must be above 0 and at most {settings.MaxTokenLifetime.TotalHours:0}",
                "pass a smaller ttl_hours, or leave it out for the default");
            return false;
        }

        lifetime = TimeSpan.FromHours(hours.Value);
        return true;
    }
}

using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Audit;
using Lifeline.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Auth;

/// <summary>How a login ended.</summary>
internal enum LoginStatus
{
    Success,
    BadCredentials,
    Throttled,
    Locked,
}

/// <summary>The outcome of <see cref="LoginService.LoginAsync"/>: a token on success, a wait when throttled or locked.</summary>
internal sealed record LoginResult(LoginStatus Status, string? Token = null, TokenRecord? Record = null, TimeSpan RetryAfter = default);

/// <summary>
/// Password login: throttling first (nothing is verified while the caller must wait), then lockout (persisted on the
/// user: <see cref="AuthSettings.LockoutThreshold"/> consecutive failures lock it for
/// <see cref="AuthSettings.LockoutDuration"/>), then Argon2id verification (a dummy hash for unknown users, so the
/// answer time does not reveal which names exist). Every attempt is audited; the password never leaves this method.
/// </summary>
internal sealed partial class LoginService(
    IFleetStore store,
    PasswordHasher hasher,
    LoginThrottle throttle,
    TokenIssuer issuer,
    AuditWriter audit,
    AuthSettings settings,
    [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
    ILogger<LoginService> logger)
{
    public async Task<LoginResult> LoginAsync(string userName, string password, string? tokenName, TimeSpan? lifetime, string source, CancellationToken cancellationToken)
    {
        var wait = throttle.RetryAfter(userName, source);
        if (wait > TimeSpan.Zero)
        {
            LogThrottled(logger, userName, source);
            await audit.WriteAsync(userName, source, "auth.login", $"user:{userName}", AuditWriter.Denied, new { reason = "throttled" }).ConfigureAwait(false);
            return new LoginResult(LoginStatus.Throttled, RetryAfter: wait);
        }

        var now = time.GetUtcNow();
        var user = await store.GetUserAsync(userName, cancellationToken).ConfigureAwait(false);
        if (user?.LockedUntil is { } until && until > now)
        {
            LogLocked(logger, userName, source);
            await audit.WriteAsync(userName, source, "auth.login", $"user:{userName}", AuditWriter.Denied, new { reason = "locked", locked_until = until }).ConfigureAwait(false);
            return new LoginResult(LoginStatus.Locked, RetryAfter: until - now);
        }

        bool verified = await hasher.VerifyAsync(password, user?.PasswordHash, cancellationToken).ConfigureAwait(false);
        if (!verified || user is null || user.Disabled)
        {
            throttle.Failed(userName, source);
            string reason = user is null ? "unknown-user" : user.Disabled && verified ? "disabled" : "bad-password";
            if (user is not null)
            {
                // a lockout that has run out starts a fresh count
                int previous = user.LockedUntil is not null ? 0 : user.FailedLogins;
                int failures = previous + 1;
                bool lockNow = failures >= settings.LockoutThreshold;
                await store.UpsertUserAsync(user with
                {
                    FailedLogins = failures,
                    LockedUntil = lockNow ? now + settings.LockoutDuration : null,
                }, cancellationToken).ConfigureAwait(false);
                if (lockNow)
                {
                    LogLockedOut(logger, userName, failures);
                    reason += ";locked";
                }
            }

            LogFailed(logger, userName, source);
            await audit.WriteAsync(userName, source, "auth.login", $"user:{userName}", AuditWriter.Failed, new { reason }).ConfigureAwait(false);
            return new LoginResult(LoginStatus.BadCredentials);
        }

        throttle.Succeeded(userName, source);
        if (user.FailedLogins != 0 || user.LockedUntil is not null)
        {
            await store.UpsertUserAsync(user with { FailedLogins = 0, LockedUntil = null }, cancellationToken).ConfigureAwait(false);
        }

        var (token, record) = await issuer.IssueAsync(user.Name, string.IsNullOrWhiteSpace(tokenName) ? "login" : tokenName,
            Role.Admin, lifetime ?? settings.LoginTokenLifetime, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(user.Name, source, "auth.login", $"user:{user.Name}", AuditWriter.Ok, new { token_id = record.Id, token_name = record.Name }).ConfigureAwait(false);
        return new LoginResult(LoginStatus.Success, token, record);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login refused for {User} from {Source}: throttled")]
    private static partial void LogThrottled(ILogger logger, string user, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login refused for {User} from {Source}: account locked")]
    private static partial void LogLocked(ILogger logger, string user, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {User} locked after {Failures} consecutive failed logins")]
    private static partial void LogLockedOut(ILogger logger, string user, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed login for {User} from {Source}")]
    private static partial void LogFailed(ILogger logger, string user, string source);
}

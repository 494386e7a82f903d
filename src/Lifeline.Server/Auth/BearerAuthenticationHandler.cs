using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifeline.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer ll_&lt;id&gt;_&lt;secret&gt;</c>: looks the token up by id, compares the secret's SHA-256 in
/// constant time, refuses revoked or expired tokens and disabled users, and puts a <see cref="Caller"/> on the request.
/// <c>last_used_at</c> is written at most once a minute per token. A WebSocket upgrade may carry the token as
/// <c>?access_token=</c> instead (browsers cannot set the header there).
/// </summary>
internal sealed partial class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IFleetStore store,
    TokenTouches touches,
    [FromKeyedServices(ServiceClock.Key)] TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Why authentication failed, for the 401 answer (never includes the token).</summary>
    public const string FailureItem = "lifeline.auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) && Context.WebSockets.IsWebSocketRequest && Request.Query["access_token"] is [{ Length: > 0 } queryToken])
        {
            // browsers cannot set headers on a WebSocket: the token may come as ?access_token= on upgrades only
            header = "Bearer " + queryToken;
        }

        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("the Authorization header is not a Bearer token");
        }

        if (!TokenSecrets.TryParse(header["Bearer ".Length..].Trim(), out var id, out var secret))
        {
            return Fail("the bearer token is not a Lifeline token (ll_<id>_<secret>)");
        }

        var ct = Context.RequestAborted;
        var token = await store.GetTokenAsync(id, ct).ConfigureAwait(false);
        if (token is null || !TokenSecrets.Matches(secret, token.SecretHash))
        {
            return Fail("unknown token");
        }

        var now = time.GetUtcNow();
        if (token.RevokedAt is not null)
        {
            return Fail("the token was revoked");
        }

        if (token.ExpiresAt <= now)
        {
            return Fail("the token expired");
        }

        var user = await store.GetUserAsync(token.UserName, ct).ConfigureAwait(false);
        if (user is null || user.Disabled)
        {
            return Fail("the token's user is disabled or removed");
        }

        if (touches.ShouldTouch(token, now))
        {
            await store.TouchTokenAsync(token.Id, now, ct).ConfigureAwait(false);
        }

        var caller = new Caller(user, token);
        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim("token_id", token.Id)],
            SchemeName);
        LogAuthenticated(Logger, user.Name, token.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        LogRejected(Logger, reason);
        return AuthenticateResult.Fail(reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request authenticated as {User} (token {TokenId})")]
    private static partial void LogAuthenticated(ILogger logger, string user, string tokenId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}

/// <summary>Remembers when each token's <c>last_used_at</c> was written, so it is written at most once a minute.</summary>
internal sealed class TokenTouches
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    public bool ShouldTouch(TokenRecord token, DateTimeOffset now)
    {
        var last = _touched.TryGetValue(token.Id, out var seen) ? seen : token.LastUsedAt ?? DateTimeOffset.MinValue;
        if (now - last < Interval)
        {
            return false;
        }

        _touched[token.Id] = now;
        if (_touched.Count > 100_000)
        {
            _touched.Clear();
        }

        return true;
    }
}

using System.Globalization;
using Lifeline.Fleet.Security;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>/auth</c>: password login (throttled, audited) and who the caller is.</summary>
internal static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapPost("/login", LoginAsync).WithName("auth.login").Requires(Permission.Public);
        auth.MapGet("/whoami", WhoAmI).WithName("auth.whoami").Requires(Permission.Own);
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, LoginService logins, AuthSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.User) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("user and password are required", "send {\"user\": NAME, \"password\": PASSWORD}");
        }

        if (!TokenLifetime.TryParse(request.TtlHours, settings.LoginTokenLifetime, settings, out var lifetime, out var problem))
        {
            return problem;
        }

        var result = await logins.LoginAsync(request.User, request.Password, request.TokenName, lifetime, context.Source(), cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case LoginStatus.Success:
                return TypedResults.Ok(new LoginResponse(result.Token!, result.Record!.Id, result.Record.ExpiresAt, result.Record.UserName));
            case LoginStatus.Throttled:
            case LoginStatus.Locked:
                int seconds = (int)Math.Ceiling(Math.Max(1, result.RetryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return result.Status == LoginStatus.Locked
                    ? Problems.TooManyRequests($"the account is locked after too many failed logins; try again in {seconds} s",
                        "wait, or ask an admin to unlock it (PATCH /api/v1/users/{name} {\"unlock\": true})")
                    : Problems.TooManyRequests($"too many failed logins; try again in {seconds} s", "wait for the Retry-After delay, then check the user name and password");
            default:
                return Problems.Unauthorized("wrong user name or password", "check the user name and password");
        }
    }

    private static Ok<WhoAmIResponse> WhoAmI(HttpContext context)
    {
        var caller = context.GetCaller();
        var t = caller.Token;
        return TypedResults.Ok(new WhoAmIResponse(caller.UserName, caller.Grants, new TokenInfo(t.Id, t.Name, t.MaxRole, t.ExpiresAt)));
    }
}

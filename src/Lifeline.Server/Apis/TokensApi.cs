using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>/tokens</c>: API tokens of the caller (any user), or of anyone (admin over <c>*</c>).</summary>
internal static class TokensApi
{
    public static void MapTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListAsync).WithName("tokens.list").Requires(Permission.Own);
        tokens.MapPost("/", CreateAsync).WithName("tokens.add").Requires(Permission.Own);
        tokens.MapDelete("/{id}", RevokeAsync).WithName("tokens.revoke").Requires(Permission.Own);
    }

    /// <summary>Own tokens; <c>?user=NAME</c> another user's and <c>?user=*</c> everyone's (admin over <c>*</c>).</summary>
    private static async Task<Results<Ok<TokenView[]>, ProblemHttpResult>> ListAsync(string? user, HttpContext context, IFleetStore store, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        string? owner = string.IsNullOrEmpty(user) ? caller.UserName : user == "*" ? null : user;
        if (owner != caller.UserName && !caller.AllowsService(Role.Admin))
        {
            return Problems.Forbidden("listing other users' tokens needs admin over *", "leave out ?user= to list your own tokens");
        }

        var list = await store.ListTokensAsync(owner, includeRevoked: false, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(TokenView.From).ToArray());
    }

    private static async Task<Results<Ok<CreateTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, HttpContext context, TokenIssuer issuer, AuthSettings settings, AuditWriter audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Problems.BadRequest("a token needs a name (1-100 characters)", "send {\"name\": \"ci\"}");
        }

        var maxRole = request.MaxRole ?? caller.Token.MaxRole;
        if (!Enum.IsDefined(maxRole))
        {
            return Problems.BadRequest("max_role must be viewer, operator or admin", "pass one of viewer, operator, admin");
        }

        if (maxRole > caller.Token.MaxRole)
        {
            return Problems.Forbidden($"this token is limited to {PermissionGate.Name(caller.Token.MaxRole)} and cannot make a token with max_role {PermissionGate.Name(maxRole)}",
                "ask for a lower max_role, or log in with your password for a full token");
        }

        if (!TokenLifetime.TryParse(request.TtlHours, settings.ApiTokenLifetime, settings, out var lifetime, out var problem))
        {
            return problem;
        }

        var (text, record) = await issuer.IssueAsync(caller.UserName, request.Name, maxRole, lifetime, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, caller.UserName, "tokens.add", $"token:{record.Id}", AuditWriter.Ok,
            new { name = record.Name, max_role = record.MaxRole, expires_at = record.ExpiresAt }).ConfigureAwait(false);
        return TypedResults.Ok(new CreateTokenResponse(text, record.Id, record.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, HttpContext context, IFleetStore store, AuditWriter audit, [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var token = await store.GetTokenAsync(id, cancellationToken).ConfigureAwait(false);
        bool mine = token is not null && token.UserName == caller.UserName;
        if (token is null || token.RevokedAt is not null || (!mine && !caller.AllowsService(Role.Admin)))
        {
            // another user's token looks the same as a missing one to non-admins
            return Problems.NotFound($"no token {id}", "list your tokens with GET /api/v1/tokens");
        }

        await store.RevokeTokenAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, caller.UserName, "tokens.revoke", $"token:{id}", AuditWriter.Ok, new { user = token.UserName, name = token.Name }).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

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

/// <summary><c>/users</c>: local users and their grants (admin over <c>*</c>). Password hashes never leave the store.</summary>
internal static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").Requires(Permission.ServiceAdmin);
        users.MapGet("/", ListAsync).WithName("users.list");
        users.MapGet("/{name}", GetAsync).WithName("users.get");
        users.MapPost("/", CreateAsync).WithName("users.add");
        users.MapPatch("/{name}", PatchAsync).WithName("users.change");
        users.MapDelete("/{name}", RemoveAsync).WithName("users.remove");
    }

    private static async Task<Ok<UserView[]>> ListAsync(IFleetStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListUsersAsync(cancellationToken).ConfigureAwait(false)).Select(UserView.From).ToArray());

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(string name, IFleetStore store, CancellationToken cancellationToken) =>
        await store.GetUserAsync(name, cancellationToken).ConfigureAwait(false) is { } user
            ? TypedResults.Ok(UserView.From(user))
            : NoSuchUser(name);

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, HttpContext context, IFleetStore store, PasswordHasher hasher, AuthSettings settings, AuditWriter audit, [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!Names.IsValid(request.Name))
        {
            return Problems.BadRequest($"a user name is {Names.Rule}", "send {\"name\": NAME, \"password\": PASSWORD, \"grants\": [{\"role\": \"viewer\", \"scope\": \"*\"}]}");
        }

        if (PasswordProblem(request.Password, settings) is { } weak)
        {
            return weak;
        }

        if (Names.CheckGrants(request.Grants) is { } bad)
        {
            return Problems.BadRequest(bad, "fix the grants: [{\"role\": \"operator\", \"scope\": \"rack1\"}]");
        }

        if (await store.GetUserAsync(request.Name!, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Problems.Conflict($"user {request.Name} exists", "change it with PATCH /api/v1/users/{name}, or pick another name");
        }

        var user = new UserRecord
        {
            Name = request.Name!,
            PasswordHash = await hasher.HashAsync(request.Password!, cancellationToken).ConfigureAwait(false),
            Grants = request.Grants ?? [],
            CreatedAt = time.GetUtcNow(),
        };
        await store.UpsertUserAsync(user, cancellationToken).ConfigureAwait(false);
        var caller = context.GetCaller();
        await audit.WriteAsync(context, caller.UserName, "users.add", $"user:{user.Name}", AuditWriter.Ok, new { grants = user.Grants }).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/users/{user.Name}", UserView.From(user));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> PatchAsync(
        string name, PatchUserRequest request, HttpContext context, IFleetStore store, PasswordHasher hasher, AuthSettings settings, AuditWriter audit,
        CancellationToken cancellationToken)
    {
        var user = await store.GetUserAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NoSuchUser(name);
        }

        var changed = new List<string>();
        if (request.Password is not null)
        {
            if (PasswordProblem(request.Password, settings) is { } weak)
            {
                return weak;
            }

            user = user with { PasswordHash = await hasher.HashAsync(request.Password, cancellationToken).ConfigureAwait(false) };
            changed.Add("password");
        }

        if (request.Grants is not null)
        {
            if (Names.CheckGrants(request.Grants) is { } bad)
            {
                return Problems.BadRequest(bad, "fix the grants: [{\"role\": \"operator\", \"scope\": \"rack1\"}]");
            }

            user = user with { Grants = request.Grants };
            changed.Add("grants");
        }

        if (request.Disabled is { } disabled)
        {
            user = user with { Disabled = disabled };
            changed.Add(disabled ? "disabled" : "enabled");
        }

        if (request.Unlock == true)
        {
            user = user with { FailedLogins = 0, LockedUntil = null };
            changed.Add("unlocked");
        }

        if (await LeavesNoAdminAsync(store, user, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict("this change would leave no enabled user with admin over *", "give another user admin over * first");
        }

        await store.UpsertUserAsync(user, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "users.change", $"user:{name}", AuditWriter.Ok,
            new { changed, grants = request.Grants }).ConfigureAwait(false);
        return TypedResults.Ok(UserView.From(user));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string name, HttpContext context, IFleetStore store, AuditWriter audit, CancellationToken cancellationToken)
    {
        var user = await store.GetUserAsync(name, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NoSuchUser(name);
        }

        if (await LeavesNoAdminAsync(store, user with { Disabled = true }, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"removing {name} would leave no enabled user with admin over *", "give another user admin over * first");
        }

        await store.RemoveUserAsync(name, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "users.remove", $"user:{name}", AuditWriter.Ok, null).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? PasswordProblem(string? password, AuthSettings settings) =>
        password is null || password.Length < settings.MinPasswordLength || password.Length > 1024
            ? Problems.BadRequest($"a password needs {settings.MinPasswordLength} to 1024 characters", "choose a longer password")
            : null;

    /// <summary>True when, with <paramref name="changed"/> in place of its stored record, no enabled admin over * would remain.</summary>
    private static async Task<bool> LeavesNoAdminAsync(IFleetStore store, UserRecord changed, CancellationToken cancellationToken)
    {
        static bool IsAdmin(UserRecord u) => !u.Disabled && u.Grants.Any(g => g.Role == Role.Admin && g.Scope == RoleGrant.Everything);
        var users = await store.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        bool before = users.Any(IsAdmin);
        bool after = users.Select(u => u.Name == changed.Name ? changed : u).Any(IsAdmin);
        return before && !after;
    }

    private static ProblemHttpResult NoSuchUser(string name) => Problems.NotFound($"no user {name}", "list users with GET /api/v1/users");
}

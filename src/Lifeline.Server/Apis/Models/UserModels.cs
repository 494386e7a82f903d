using Lifeline.Fleet.Security;

namespace Lifeline.Server.Apis.Models;

/// <summary>A user as answered: never the password hash.</summary>
public sealed record UserView(string Name, IReadOnlyList<RoleGrant> Grants, bool Disabled, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    internal static UserView From(UserRecord u) => new(u.Name, u.Grants, u.Disabled, u.FailedLogins, u.LockedUntil, u.CreatedAt);
}

/// <summary><c>POST /users</c> body. Its ToString never shows the password.</summary>
public sealed record CreateUserRequest(string? Name, string? Password, IReadOnlyList<RoleGrant>? Grants)
{
    public override string ToString() => $"CreateUserRequest {{ Name = {Name} }}";
}

/// <summary><c>PATCH /users/{name}</c> body: only the members present change. Its ToString never shows the password.</summary>
public sealed record PatchUserRequest(string? Password = null, IReadOnlyList<RoleGrant>? Grants = null, bool? Disabled = null, bool? Unlock = null)
{
    public override string ToString() => $"PatchUserRequest {{ Grants = {Grants?.Count}, Disabled = {Disabled}, Unlock = {Unlock} }}";
}

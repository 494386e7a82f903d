using Lifeline.Fleet.Security;

namespace Lifeline.Server.Apis.Models;

/// <summary><c>POST /auth/login</c> body. Its ToString never shows the password.</summary>
public sealed record LoginRequest(string? User, string? Password, string? TokenName = null, double? TtlHours = null)
{
    public override string ToString() => $"LoginRequest {{ User = {User}, TokenName = {TokenName} }}";
}

/// <summary>A new token: shown once.</summary>
public sealed record LoginResponse(string Token, string Id, DateTimeOffset ExpiresAt, string User)
{
    public override string ToString() => $"LoginResponse {{ Id = {Id}, User = {User} }}";
}

/// <summary>The token a request was made with.</summary>
public sealed record TokenInfo(string Id, string Name, Role MaxRole, DateTimeOffset ExpiresAt);

/// <summary><c>GET /auth/whoami</c>: the user, its grants as this token may use them, and the token.</summary>
public sealed record WhoAmIResponse(string User, IReadOnlyList<RoleGrant> Grants, TokenInfo Token);

/// <summary>A token as listed (never its secret).</summary>
public sealed record TokenView(string Id, string Name, string UserName, Role MaxRole, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt)
{
    internal static TokenView From(TokenRecord t) => new(t.Id, t.Name, t.UserName, t.MaxRole, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);
}

/// <summary><c>POST /tokens</c> body.</summary>
public sealed record CreateTokenRequest(string? Name, Role? MaxRole = null, double? TtlHours = null);

/// <summary>A new API token: shown once.</summary>
public sealed record CreateTokenResponse(string Token, string Id, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"CreateTokenResponse {{ Id = {Id} }}";
}

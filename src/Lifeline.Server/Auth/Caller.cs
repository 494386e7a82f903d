using Lifeline.Fleet.Security;

namespace Lifeline.Server.Auth;

/// <summary>
/// The authenticated user of one request: its grants already capped by the token's <see cref="TokenRecord.MaxRole"/>,
/// so every check below is the final answer.
/// </summary>
internal sealed class Caller
{
    public Caller(UserRecord user, TokenRecord token)
    {
        UserName = user.Name;
        Token = token;
        Grants = [.. user.Grants.Select(g => new RoleGrant((Role)Math.Min((int)g.Role, (int)token.MaxRole), g.Scope))];
    }

    public string UserName { get; }

    public TokenRecord Token { get; }

    /// <summary>The user's grants, each capped by the token's max role.</summary>
    public IReadOnlyList<RoleGrant> Grants { get; }

    /// <summary>True when <paramref name="role"/> is held over <c>*</c>: the service itself and every node.</summary>
    public bool AllowsService(Role role) => Grants.Any(g => g.Role >= role && g.Scope == RoleGrant.Everything);

    /// <summary>True when <paramref name="role"/> is held over at least one scope (the endpoint-level gate).</summary>
    public bool AllowsSomewhere(Role role) => Grants.Any(g => g.Role >= role);

    /// <summary>True when <paramref name="role"/> is held over <c>*</c> or over one of <paramref name="nodeGroups"/>.</summary>
    public bool Allows(Role role, IReadOnlyList<string> nodeGroups) =>
        Grants.Any(g => g.Role >= role && (g.Scope == RoleGrant.Everything || nodeGroups.Contains(g.Scope, StringComparer.Ordinal)));

    /// <summary>The highest role held over the node (null when none): what <c>whoami</c>-style answers show.</summary>
    public Role? HighestRole(IReadOnlyList<string> nodeGroups) =>
        Grants.Where(g => g.Scope == RoleGrant.Everything || nodeGroups.Contains(g.Scope, StringComparer.Ordinal))
            .Select(g => (Role?)g.Role).Max();
}

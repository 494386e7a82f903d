using System.Text.RegularExpressions;
using Lifeline.Fleet.Security;

namespace Lifeline.Server.Apis;

/// <summary>The name rules: node, group, user and credential names are letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
internal static partial class Names
{
    public const string Rule = "letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64 characters";

    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Null when every grant is well-formed, else what is wrong.</summary>
    public static string? CheckGrants(IReadOnlyList<RoleGrant>? grants)
    {
        foreach (var grant in grants ?? [])
        {
            if (grant is null || !Enum.IsDefined(grant.Role))
            {
                return "each grant needs a role: viewer, operator or admin";
            }

            if (grant.Scope != RoleGrant.Everything && !IsValid(grant.Scope))
            {
                return $"grant scope '{grant.Scope}' must be * or a group name ({Rule})";
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

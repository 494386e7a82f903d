namespace Lifeline.Fleet.Security;

/// <summary>What a role may do; a higher role includes the lower ones.</summary>
public enum Role
{
    /// <summary>Read only: state, sensors, events, inventory, audit of its own actions.</summary>
    Viewer = 1,

    /// <summary>Viewer plus power, boot, identify, event-log clear, console write.</summary>
    Operator = 2,

    /// <summary>Everything, including inventory changes, credentials, users and tokens.</summary>
    Admin = 3,
}

/// <summary>A role over a scope: <c>*</c> (every node and the service itself) or a group name (that group's nodes).</summary>
public sealed record RoleGrant(Role Role, string Scope)
{
    public const string Everything = "*";
}

/// <summary>A local user. <see cref="PasswordHash"/> is a self-describing KDF string (algorithm, cost, salt, hash).</summary>
public sealed record UserRecord
{
    public required string Name { get; init; }

    public required string PasswordHash { get; init; }

    public IReadOnlyList<RoleGrant> Grants { get; init; } = [];

    public bool Disabled { get; init; }

    /// <summary>Consecutive failed logins since the last success (throttling and lockout).</summary>
    public int FailedLogins { get; init; }

    /// <summary>Logins are refused until then (lockout), or null.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// An API token. The caller holds <c>ll_{Id}_{secret}</c>; only the SHA-256 of the secret is stored. A token acts for
/// its user and never beyond: <see cref="MaxRole"/> caps every grant of the user.
/// </summary>
public sealed record TokenRecord
{
    public required string Id { get; init; }

    public required string UserName { get; init; }

    /// <summary>A label the user chose ("ci", "dashboard", "login").</summary>
    public required string Name { get; init; }

    /// <summary>SHA-256 of the token's secret part.</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>The highest role the token may use (scoped tokens), whatever the user holds.</summary>
    public Role MaxRole { get; init; } = Role.Admin;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>
/// One audited action: who, when, from where, what, on which nodes, and how it ended. <see cref="Details"/> is JSON
/// (per-node outcomes, changed fields) and never holds secrets.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Assigned by the store on append; 0 before.</summary>
    public long Id { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>The user name, or <c>-</c> when unknown (failed login of an unknown user keeps the name tried).</summary>
    public required string Actor { get; init; }

    /// <summary>The caller's address (<c>127.0.0.1</c>), or <c>local</c> for in-process actions.</summary>
    public required string Source { get; init; }

    /// <summary>A dotted verb: <c>auth.login</c>, <c>power.on</c>, <c>nodes.add</c>, <c>users.remove</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The noderange or object acted on (<c>rack1</c>, <c>user:alice</c>), or null.</summary>
    public string? Target { get; init; }

    /// <summary><c>ok</c>, <c>partial</c>, <c>failed</c> or <c>denied</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>JSON with the per-node outcomes or the changed fields; no secrets.</summary>
    public string? Details { get; init; }
}

/// <summary>A filter over the audit log; newest first.</summary>
public sealed record AuditQuery(
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Actor = null,
    string? ActionPrefix = null,
    int Limit = 100,
    long? BeforeId = null);

using System.Text.Json;
using Lifeline.Fleet.Security;

namespace Lifeline.Cli.Fleet;

// The answers and bodies of the fleet API the CLI reads and sends (docs/api.md), in FleetJson's shape. Nodes are
// Lifeline.Fleet.Inventory.NodeDefinition as they are.

/// <summary><c>POST /auth/login</c>. Its ToString never shows the password.</summary>
public sealed record LoginRequest(string User, string Password, string? TokenName = null)
{
    public override string ToString() => $"LoginRequest {{ User = {User}, TokenName = {TokenName} }}";
}

/// <summary>A new token (login or <c>POST /tokens</c>). Its ToString never shows the token.</summary>
public sealed record TokenAnswer(string Token, string Id, DateTimeOffset ExpiresAt, string? User = null)
{
    public override string ToString() => $"TokenAnswer {{ Id = {Id}, User = {User}, ExpiresAt = {ExpiresAt} }}";
}

/// <summary><c>GET /auth/whoami</c>.</summary>
public sealed record WhoAmI(string User, IReadOnlyList<RoleGrant> Grants, WhoAmIToken Token);

/// <summary>The token a request was made with.</summary>
public sealed record WhoAmIToken(string Id, string Name, Role MaxRole, DateTimeOffset ExpiresAt);

/// <summary>A token as listed.</summary>
public sealed record TokenListItem(string Id, string Name, string UserName, Role MaxRole, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary><c>POST /tokens</c>.</summary>
public sealed record CreateTokenBody(string Name, Role? MaxRole, double? TtlHours);

/// <summary>A user as answered (never a password hash).</summary>
public sealed record UserItem(string Name, IReadOnlyList<RoleGrant> Grants, bool Disabled, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

/// <summary><c>POST /users</c>. Its ToString never shows the password.</summary>
public sealed record CreateUserBody(string Name, string Password, IReadOnlyList<RoleGrant> Grants)
{
    public override string ToString() => $"CreateUserBody {{ Name = {Name}, Grants = {Grants.Count} }}";
}

/// <summary>A group with its members.</summary>
public sealed record GroupItem(string Name, string? Description, string? Credential, IReadOnlyDictionary<string, string>? Attributes, IReadOnlyList<string>? Members);

/// <summary><c>PUT /groups/{name}</c>.</summary>
public sealed record GroupBody(string? Description, string? Credential, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A stored credential as listed (never the password).</summary>
public sealed record CredentialItem(string Name, string UserName, DateTimeOffset UpdatedAt);

/// <summary><c>PUT /credentials/{name}</c>. Its ToString never shows the password.</summary>
public sealed record CredentialBody(string User, string Password)
{
    public override string ToString() => $"CredentialBody {{ User = {User} }}";
}

/// <summary>What a node write changed.</summary>
public sealed record NodesChanged(int Count, IReadOnlyList<string> Nodes);

/// <summary><c>POST /inventory/import</c>.</summary>
public sealed record ImportAnswer(int Nodes, int Groups);

/// <summary><c>GET /noderange?expr=</c>.</summary>
public sealed record NoderangeAnswer(IReadOnlyList<string> Nodes, string Folded);

/// <summary>A node's cached state (<c>GET /state</c>).</summary>
public sealed record StateItem(string Node, string Protocol, string? Power, string Health, string Reachability, DateTimeOffset? CheckedAt, FleetError? LastError);

/// <summary>An audit entry; <c>details</c> is the JSON recorded.</summary>
public sealed record AuditItem(long Id, DateTimeOffset Time, string Actor, string Source, string Action, string? Target, string Outcome, JsonElement? Details);

/// <summary><c>POST /ops/{verb}</c>: the noderange and the verb's arguments.</summary>
public sealed record OperationBody(
    string Noderange,
    string? Action = null,
    string? Device = null,
    bool? Persistent = null,
    bool? Efi = null,
    string? Mode = null,
    int? Seconds = null);

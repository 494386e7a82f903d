using Lifeline.Fleet.Inventory;

namespace Lifeline.Server.Apis.Models;

/// <summary>A group with its members (those the caller may view).</summary>
public sealed record GroupView(string Name, string? Description, string? Credential, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Members);

/// <summary><c>PUT /groups/{name}</c> body.</summary>
public sealed record GroupRequest(string? Description = null, string? Credential = null, IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary><c>PUT /credentials/{name}</c> body. Its ToString never shows the password.</summary>
public sealed record CredentialRequest(string? User, string? Password)
{
    public override string ToString() => $"CredentialRequest {{ User = {User} }}";
}

/// <summary>A stored credential as listed: never the password.</summary>
public sealed record CredentialView(string Name, string UserName, DateTimeOffset UpdatedAt)
{
    internal static CredentialView From(CredentialInfo c) => new(c.Name, c.UserName, c.UpdatedAt);
}

/// <summary><c>GET /noderange</c>: the nodes an expression names (that the caller may view) and their folded form.</summary>
public sealed record NoderangeResponse(IReadOnlyList<string> Nodes, string Folded);

/// <summary>What a node write changed.</summary>
public sealed record NodesChanged(int Count, IReadOnlyList<string> Nodes);

/// <summary><c>POST /inventory/import</c>: how many nodes and groups the file held (all were stored).</summary>
public sealed record ImportResponse(int Nodes, int Groups);

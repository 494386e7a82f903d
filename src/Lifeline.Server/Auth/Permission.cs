using Lifeline.Fleet.Security;

namespace Lifeline.Server.Auth;

/// <summary>What an endpoint's gate checks before its handler runs.</summary>
public enum AccessScope
{
    /// <summary>No authentication (login, health, OpenAPI).</summary>
    Public,

    /// <summary>Any authenticated user; the handler limits the answer to the caller's own things (tokens, audit).</summary>
    Own,

    /// <summary>The role over at least one scope; the handler checks it again on every node it touches.</summary>
    Nodes,

    /// <summary>The role over <c>*</c> (users, credentials, import, groups).</summary>
    Service,
}

/// <summary>
/// Endpoint metadata: the role an endpoint needs and how it is scoped. Every endpoint of the service carries one
/// (the authorisation matrix test fails otherwise); an endpoint without one is treated as needing authentication.
/// </summary>
/// <param name="Role">The least role needed (for <see cref="AccessScope.Nodes"/> the handler may ask more per request,
/// e.g. operator for <c>power on</c>).</param>
/// <param name="Scope">How the role is checked.</param>
public sealed record Permission(Role Role, AccessScope Scope)
{
    public static Permission Public { get; } = new(Role.Viewer, AccessScope.Public);

    public static Permission Own { get; } = new(Role.Viewer, AccessScope.Own);

    public static Permission NodeViewer { get; } = new(Role.Viewer, AccessScope.Nodes);

    public static Permission NodeOperator { get; } = new(Role.Operator, AccessScope.Nodes);

    public static Permission NodeAdmin { get; } = new(Role.Admin, AccessScope.Nodes);

    public static Permission ServiceViewer { get; } = new(Role.Viewer, AccessScope.Service);

    public static Permission ServiceAdmin { get; } = new(Role.Admin, AccessScope.Service);
}

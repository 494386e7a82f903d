namespace Lifeline.Fleet.Operations;

/// <summary>
/// The error categories a <see cref="NodeOutcome"/> may carry beyond the drivers' own (<c>bad-password</c>,
/// <c>unknown-user</c>, <c>insufficient-privilege</c>, <c>not-supported</c>, <c>completion-code</c>, …), and the
/// groups the API maps to HTTP statuses.
/// </summary>
public static class NodeCategories
{
    /// <summary>No node of that name in the inventory.</summary>
    public const string UnknownNode = "unknown-node";

    /// <summary>The node exists but cannot be reached as defined: no BMC URL, no credential, a credential that does not exist.</summary>
    public const string NotConfigured = "not-configured";

    /// <summary>The operation's arguments are incomplete (a boot without a device, an identify without a mode).</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>The BMC did not answer in time, or the operation passed its deadline.</summary>
    public const string Timeout = "timeout";

    /// <summary>Nothing ever answered (no route, port closed, name does not resolve).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The caller gave up before the node finished.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The BMC refused the credential's privilege for this operation.</summary>
    public const string InsufficientPrivilege = "insufficient-privilege";

    /// <summary>Our own failure (a bug, or the store being unavailable).</summary>
    public const string Internal = "internal";

    /// <summary>True for "the BMC rejected our credentials": IPMI <c>bad-password</c>, <c>unknown-user</c>, <c>bad-kg</c>, Redfish <c>unauthorized</c>.</summary>
    public static bool IsAuthentication(string category) => category is "bad-password" or "unknown-user" or "bad-kg" or "unauthorized";

    /// <summary>True when the BMC could not be reached or did not answer in time (API: 504).</summary>
    public static bool IsUnreachable(string category) => category is Timeout or Unreachable;

    /// <summary>True when this BMC lacks the capability (API: 501): <c>not-supported</c>, <c>not-implemented</c>.</summary>
    public static bool IsUnsupported(string category) => category is "not-supported" or "not-implemented";
}

namespace Lifeline.Fleet.Inventory;

/// <summary>Where a node sits; every part optional.</summary>
public sealed record Location(string? Site = null, string? Rack = null, int? U = null);

/// <summary>Which management endpoint a node's operations use.</summary>
public enum ManagementProtocol
{
    /// <summary>Redfish when the node has a Redfish URL, IPMI otherwise (the default).</summary>
    Auto,
    Ipmi,
    Redfish,
}

/// <summary>
/// A managed node as stored: how to reach its BMC and where it belongs. Never holds a password: <see cref="Credential"/>
/// names a stored credential (or null to inherit one from a group).
/// </summary>
public sealed record NodeDefinition
{
    /// <summary>The node name: letters, digits, '-', '_' and '.', starting with a letter or digit; unique.</summary>
    public required string Name { get; init; }

    /// <summary>Groups in precedence order (an earlier group's attribute wins over a later one's).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary><c>ipmi://[USER@]HOST[:PORT]</c>, or null.</summary>
    public string? IpmiUrl { get; init; }

    /// <summary><c>redfish://[USER@]HOST[:PORT]</c> or <c>redfish+http://…</c>, or null.</summary>
    public string? RedfishUrl { get; init; }

    /// <summary>Which endpoint to use; <see cref="ManagementProtocol.Auto"/> = Redfish when present, else IPMI.</summary>
    public ManagementProtocol Management { get; init; } = ManagementProtocol.Auto;

    /// <summary>The stored credential's name, or null to inherit from the first group that names one.</summary>
    public string? Credential { get; init; }

    /// <summary>How to reach the console (filled in by the console service), e.g. <c>sol</c>, <c>tcp://cs1:7001</c>.</summary>
    public string? ConsoleMethod { get; init; }

    /// <summary>The primary-network address, for reachability checks of the in-band path.</summary>
    public string? InbandAddress { get; init; }

    public Location Location { get; init; } = new();

    /// <summary>Free-form attributes (keys are lower-case); group attributes are inherited, the node's value wins.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>A named set of nodes whose attributes (and credential) the members inherit.</summary>
public sealed record GroupDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The credential members use when they name none themselves.</summary>
    public string? Credential { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>What may be shown of a stored credential: never the password.</summary>
public sealed record CredentialInfo(string Name, string UserName, DateTimeOffset UpdatedAt);

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// A node as its operations see it: its own definition with what it inherits from its groups resolved
/// (see <see cref="InventoryResolver"/>).
/// </summary>
public sealed record EffectiveNode
{
    /// <summary>The node as stored.</summary>
    public required NodeDefinition Definition { get; init; }

    public string Name => Definition.Name;

    /// <summary>
    /// The node's free-form attributes over those of its groups (node first, then its groups in order); keys are
    /// compared without regard to case.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>The credential to use: the node's, else the first of its groups that names one; null when none does.</summary>
    public string? Credential { get; init; }

    /// <summary>Where the credential came from: the node's name, or the group's; null when there is none.</summary>
    public string? CredentialSource { get; init; }

    /// <summary>
    /// The protocol operations use, never <see cref="ManagementProtocol.Auto"/>: an explicit choice, else Redfish when
    /// the node has a Redfish URL, else IPMI.
    /// </summary>
    public ManagementProtocol Protocol { get; init; }

    /// <summary>The URL of <see cref="Protocol"/>, or null when the node has none for it.</summary>
    public string? ManagementUrl => Protocol == ManagementProtocol.Redfish ? Definition.RedfishUrl : Definition.IpmiUrl;

    /// <summary>The node's location, each missing part taken from the <c>site</c>, <c>rack</c> and <c>u</c> attributes.</summary>
    public required Location Location { get; init; }
}

namespace Lifeline.Drivers;

/// <summary><c>bios get [ATTR]</c>: current BIOS attributes, and those waiting for the next reset.</summary>
/// <param name="Attributes">Name → value as JSON text without quotes for strings ("Enabled", "3", "true").</param>
/// <param name="Pending">Values set but not applied yet (the Redfish settings object), name → value; empty when none.</param>
public sealed record BiosResult(IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Pending);

/// <summary><c>bios set ATTR=VALUE...</c>: values are sent as JSON numbers or booleans when they read as such, else as strings.</summary>
public sealed record BiosSetRequest(IReadOnlyDictionary<string, string> Attributes);

namespace Lifeline.Monitoring.Detection;

/// <summary>Whether a node's paths answer: the BMC (management, out of band) and the primary (the host's own network).</summary>
/// <param name="Node">The node.</param>
/// <param name="BmcUp">The BMC answers.</param>
/// <param name="PrimaryUp">The host answers on its primary path; null when not checked or unknown.</param>
/// <param name="Since">When this state began.</param>
public sealed record Reachability(string Node, bool BmcUp, bool? PrimaryUp, DateTimeOffset Since);

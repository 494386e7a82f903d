namespace Lifeline.Drivers;

/// <summary>
/// The BMC's own health roll-up (Redfish <c>Status.HealthRollup</c> of its systems, chassis and managers), for BMCs
/// that keep one. IPMI has no such roll-up: there the node's health comes from its sensors alone.
/// </summary>
/// <param name="Health"><c>ok</c>, <c>warning</c>, <c>critical</c> or <c>unknown</c>.</param>
/// <param name="Failing">Each part that is not OK, one line each ("Processor CPU1: Critical").</param>
public sealed record BmcHealthResult(string Health, IReadOnlyList<string> Failing);

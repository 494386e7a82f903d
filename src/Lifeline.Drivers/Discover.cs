namespace Lifeline.Drivers;

/// <summary>
/// The answer to an RMCP/ASF Presence Ping (DSP0136 §3.2.4.3 Presence Pong).
/// </summary>
/// <param name="Responded">False when nothing answered within the timeout and retries.</param>
/// <param name="IpmiSupported">Pong "supported entities" bit 7: IPMI supported.</param>
/// <param name="IanaEnterprise">The pong's IANA enterprise number (4542 = ASF), when it answered.</param>
public sealed record DiscoverResult(bool Responded, bool IpmiSupported = false, int? IanaEnterprise = null);

namespace Lifeline.Ipmi.Messages;

/// <summary>
/// Something that carries IPMI requests to one BMC and brings back responses: an RMCP+ session, an IPMI 1.5 session,
/// or a test double. Implementations handle framing, sequence numbers, retransmission and integrity; they throw
/// <see cref="IpmiException"/> for transport failures and return non-zero completion codes as data.
/// </summary>
public interface IIpmiChannel
{
    Task<IpmiResponse> SendAsync(IpmiRequest request, CancellationToken cancellationToken);
}

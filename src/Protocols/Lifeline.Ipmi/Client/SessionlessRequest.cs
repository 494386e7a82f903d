using System.Net;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Ipmi.Transport;

namespace Lifeline.Ipmi.Client;

/// <summary>
/// Requests sent outside any session (IPMI v2.0 §13.14): Get Channel Authentication Capabilities travels in an IPMI
/// v1.5 session header with authentication type none, session id 0 and sequence 0 (§13.6, Table 13-7), which every
/// BMC understands — that is how a console learns whether a BMC speaks IPMI 2.0 before opening an RMCP+ session.
/// </summary>
public static class SessionlessRequest
{
    /// <summary>Asks the BMC what its LAN channel supports, with the IPMI 2.0 extended-data bit set.</summary>
    public static Task<ChannelAuthenticationCapabilitiesResponse> GetChannelAuthenticationCapabilitiesAsync(IPEndPoint bmc, RetransmitPolicy policy,
        IpmiUdpTransport? transport = null, PrivilegeLevel privilege = PrivilegeLevel.Administrator, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(bmc, new GetChannelAuthenticationCapabilities(0x0E, privilege, requestExtendedData: true), policy, transport, timeProvider, cancellationToken);

    /// <summary>Sends one typed command outside a session in the IPMI 1.5 format and decodes the answer.</summary>
    public static async Task<T> ExecuteAsync<T>(IPEndPoint bmc, IIpmiCommand<T> command, RetransmitPolicy policy, IpmiUdpTransport? transport = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        transport ??= IpmiUdpTransport.Shared;
        timeProvider ??= TimeProvider.System;
        var writer = new IpmiWriter();
        command.WriteRequest(writer);
        byte rqSeq = (byte)(SecureRandom.NonZeroUInt32() & 0x3F);
        var message = IpmiLanMessage.Request(new IpmiRequest(command.NetFn, command.Command, writer.ToArray()), rqSeq).ToArray();
        var datagram = new byte[SessionPacket.MaxDatagram];
        int length = SessionPacket.WriteIpmi15(datagram, 0, 0, message);
        var receiver = new Receiver(command.NetFn, command.Command, rqSeq);
        using var registration = transport.Register(bmc, receiver);
        for (int attempt = 0; ; attempt++)
        {
            await registration.SendAsync(datagram.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await receiver.Response.Task.WaitAsync(policy.AttemptTimeout(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    throw new IpmiException(response.Code, command.NetFn, command.Command, command.Name);
                }
                return command.ReadResponse(response.Data.Span);
            }
            catch (TimeoutException) when (attempt < policy.Retries)
            {
            }
            catch (TimeoutException)
            {
                throw new IpmiException(IpmiError.Timeout, $"{bmc}: no answer to {command.Name} after {policy.Retries + 1} attempts");
            }
        }
    }

    private sealed class Receiver(NetFn netFn, byte command, byte rqSeq) : IDatagramReceiver
    {
        public TaskCompletionSource<IpmiResponse> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnDatagram(ReadOnlySpan<byte> datagram)
        {
            if (!SessionPacket.TryReadHeader(datagram, out var header, out _) || header.SessionId != 0 || header.PayloadType != PayloadType.Ipmi)
            {
                return;
            }
            var payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
            if (IpmiLanMessage.TryRead(payload, out var message, out _) && message.IsResponse && message.Command == command
                && message.Sequence == rqSeq && (message.NetFnCode & 0xFE) == (byte)netFn && message.Body.Length >= 1)
            {
                Response.TrySetResult(new IpmiResponse((CompletionCode)message.Body.Span[0], message.Body[1..]));
            }
        }
    }
}

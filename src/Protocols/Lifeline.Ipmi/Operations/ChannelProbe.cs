using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

/// <summary>What a channel offers before a session is opened.</summary>
public static class ChannelProbe
{
    /// <summary>"This channel": the channel the request arrives on.</summary>
    public const byte ThisChannel = 0x0E;
    private const int MaxListIndex = 0x3F;

    /// <summary>
    /// Gathers the cipher suites of a channel (IPMI v2.0 §22.15): Get Channel Cipher Suites "by cipher suite" from
    /// list index 0 upward until a chunk carries fewer than 16 bytes, then parses the records (C0h standard and C1h
    /// OEM). The advertised list may be wrong (ipmi_sim): a caller that must be sure probes with Open Session.
    /// </summary>
    public static async Task<IReadOnlyList<CipherSuite>> GetCipherSuitesAsync(IIpmiChannel channel, byte channelNumber, CancellationToken cancellationToken)
    {
        var data = new List<byte>(64);
        for (byte index = 0; index <= MaxListIndex; index++)
        {
            var chunk = await channel.ExecuteAsync(new GetChannelCipherSuites(channelNumber, index), cancellationToken).ConfigureAwait(false);
            data.AddRange(chunk.RecordData);
            if (chunk.IsLastChunk)
            {
                break;
            }
        }
        return CipherSuiteRecords.Parse(data.ToArray());
    }

    public static Task<IReadOnlyList<CipherSuite>> GetCipherSuitesAsync(IIpmiChannel channel, CancellationToken cancellationToken) =>
        GetCipherSuitesAsync(channel, ThisChannel, cancellationToken);
}

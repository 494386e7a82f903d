using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Rmcp;
using Lifeline.Ipmi.Sessions;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Sessions;

/// <summary>
/// Random and mutated datagrams through every datagram-level decoder: RMCP/ASF, both session header formats, RMCP+
/// integrity/confidentiality, the LAN message framing, Open Session and RAKP messages. Nothing may throw anything but
/// IpmiException, and every call returns.
/// </summary>
public sealed class DatagramFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 120_000;

    private static List<byte[]> Seeds(SessionKeys keys)
    {
        var seeds = new List<byte[]>();
        byte[] Packet(PayloadType type, uint sid, byte[] payload, SessionKeys k, bool protect)
        {
            var buffer = new byte[SessionPacket.MaxDatagram];
            int n = SessionPacket.WriteRmcpPlus(buffer, type, sid, 5, payload, k, protect);
            return buffer.AsSpan(0, n).ToArray();
        }
        var message = IpmiLanMessage.Request(new IpmiRequest(NetFn.Chassis, 0x01, ReadOnlyMemory<byte>.Empty), 3).ToArray();
        seeds.Add(Packet(PayloadType.Ipmi, 0x11223344, message, keys, true));
        seeds.Add(Packet(PayloadType.Ipmi, 0, message, SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.OpenSessionRequest, 0, new OpenSessionRequest(1, PrivilegeLevel.Administrator, 7, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128).ToArray(), SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.OpenSessionResponse, 0, new OpenSessionResponse(1, RakpStatus.NoErrors, PrivilegeLevel.Administrator, 7, 9, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128).ToArray(), SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.Rakp1, 0, new Rakp1(2, 9, new byte[16], 0x14, "admin"u8.ToArray()).ToArray(), SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.Rakp2, 0, new Rakp2(2, RakpStatus.NoErrors, 7, new byte[16], new byte[16], new byte[20]).ToArray(), SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.Rakp3, 0, new Rakp3(3, RakpStatus.NoErrors, 9, new byte[20]).ToArray(), SessionKeys.None, false));
        seeds.Add(Packet(PayloadType.Rakp4, 0, new Rakp4(3, RakpStatus.NoErrors, 7, new byte[12]).ToArray(), SessionKeys.None, false));
        var v15 = new byte[64];
        seeds.Add(v15.AsSpan(0, SessionPacket.WriteIpmi15(v15, 0, 0, message)).ToArray());
        var ping = new byte[AsfPresence.PingSize];
        AsfPresence.WritePing(ping, 9);
        seeds.Add(ping);
        var pong = new byte[AsfPresence.PongSize];
        AsfPresence.WritePong(pong, 9);
        seeds.Add(pong);
        return seeds;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = new List<byte>(seed);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    int i = random.Next(data.Count);
                    data[i] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    int at = random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(random.Next(1, 8), data.Count - at));
                    break;
                case 2:
                    var extra = new byte[random.Next(1, 40)];
                    random.NextBytes(extra);
                    data.InsertRange(random.Next(data.Count + 1), extra);
                    break;
                case 3 when data.Count > 0:
                    data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
                case 4 when data.Count > 14:
                    // corrupt a length field (RMCP+ payload length or IPMI 1.5 length)
                    data[random.Next(12, Math.Min(16, data.Count))] = (byte)random.Next(256);
                    break;
                default:
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
            }
        }
        return [.. data];
    }

    [Fact]
    public void MutatedDatagramsNeverCrashTheDecoders()
    {
        using var keys = new SessionKeys(CipherSuite.Suite3, new byte[20]);
        using var keys17 = new SessionKeys(CipherSuite.Suite17, new byte[32]);
        var seeds = Seeds(keys);
        var random = new Random(20261126);
        int rejected = 0, opened = 0;
        for (int n = 0; n < Iterations; n++)
        {
            var datagram = n % 10 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Count)]);
            try
            {
                RmcpHeader.TryRead(datagram, out _);
                AsfPresence.TryReadPing(datagram, out _);
                AsfPresence.TryReadPong(datagram, out _);
                if (!SessionPacket.TryReadHeader(datagram, out var header, out _))
                {
                    rejected++;
                    continue;
                }
                var payload = SessionPacket.TryOpenPayload(datagram, header, random.Next(2) == 0 ? keys : keys17, out _)
                    ?? SessionPacket.TryOpenPayload(datagram, header, SessionKeys.None, out _);
                if (payload is null)
                {
                    rejected++;
                    continue;
                }
                opened++;
                IpmiLanMessage.TryRead(payload, out _, out _);
                switch (header.PayloadType)
                {
                    case PayloadType.OpenSessionRequest: OpenSessionRequest.Read(payload); break;
                    case PayloadType.OpenSessionResponse: OpenSessionResponse.Read(payload); break;
                    case PayloadType.Rakp1: Rakp1.Read(payload); break;
                    case PayloadType.Rakp2: Rakp2.Read(payload); break;
                    case PayloadType.Rakp3: Rakp3.Read(payload); break;
                    case PayloadType.Rakp4: Rakp4.Read(payload); break;
                }
            }
            catch (IpmiException)
            {
                rejected++;
            }
        }
        output.WriteLine($"{Iterations} datagrams: {opened} payloads opened, {rejected} clean rejections (header, integrity or message decoder), 0 crashes");
        Assert.True(opened > 1000 && rejected > 1000, $"the mutations should exercise both paths: opened {opened}, rejected {rejected}");
    }

    private static byte[] RandomBytes(Random random)
    {
        var b = new byte[random.Next(0, 120)];
        random.NextBytes(b);
        if (b.Length > 4 && random.Next(2) == 0)
        {
            b[0] = 0x06;
            b[3] = 0x07;
        }
        return b;
    }
}

using System.Net;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Tests.Ipmi.Dispatch;
using Xunit.Abstractions;

namespace Lifeline.Simulator.Tests.Ipmi;

/// <summary>
/// Hostile input against the simulated BMC: random requests straight into the dispatcher (every netfn/command, random
/// data, every privilege) and mutated datagrams into the session responder. The BMC must answer with a completion code
/// or drop the datagram — never throw.
/// </summary>
public sealed class BmcFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomRequestsAlwaysGetACompletionCodeNeverAnException()
    {
        var harness = new DispatchHarness();
        var random = new Random(623);
        var codes = new Dictionary<CompletionCode, int>();
        NetFn[] netFns = [NetFn.Chassis, NetFn.SensorEvent, NetFn.App, NetFn.Storage, NetFn.Transport, NetFn.GroupExtension, NetFn.Firmware, NetFn.Bridge];
        var implemented = IpmiCommandDispatcher.ImplementedCommands.Select(c => (c.NetFn, c.Command)).ToArray();
        const int Requests = 60_000;
        for (int i = 0; i < Requests; i++)
        {
            // mostly implemented commands, so their request parsers see the random data
            var (netFn, command) = random.Next(4) == 0
                ? (netFns[random.Next(netFns.Length)], (byte)random.Next(256))
                : implemented[random.Next(implemented.Length)];
            var data = new byte[random.Next(0, 24)];
            random.NextBytes(data);
            if (netFn == NetFn.GroupExtension && data.Length > 0 && random.Next(2) == 0)
            {
                data[0] = 0xDC; // DCMI group
            }
            var privilege = (PrivilegeLevel)random.Next(1, 5);
            if (command is 0x02 or 0x03 && netFn == NetFn.App)
            {
                continue; // cold/warm reset reboot the BMC model: valid, but not what this loop is about
            }
            var response = harness.Send(netFn, command, data, privilege, session: null);
            codes[response.Code] = codes.GetValueOrDefault(response.Code) + 1;
        }
        output.WriteLine($"{Requests} random requests: " + string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
        Assert.True(codes.GetValueOrDefault(CompletionCode.Success) > 100, "some random requests should be valid");
        Assert.True(codes.Count > 4, "the mutations should reach several kinds of refusal");
    }

    [Fact]
    public void MutatedDatagramsAreDroppedOrAnsweredNeverThrown()
    {
        var harness = new DispatchHarness();
        var responder = new RmcpPlusResponder(new ResponderSettings(), new ModelAccountDirectory(harness.Model), harness.Dispatcher, harness.Clock);
        var remote = new IPEndPoint(IPAddress.Loopback, 50000);
        var random = new Random(1623);
        var seeds = new List<byte[]>();
        var buffer = new byte[SessionPacket.MaxDatagram];
        seeds.Add(buffer.AsSpan(0, SessionPacket.WriteRmcpPlus(buffer, PayloadType.OpenSessionRequest, 0, 0,
            new OpenSessionRequest(1, PrivilegeLevel.Administrator, 77, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128).ToArray(),
            SessionKeys.None, false)).ToArray());
        seeds.Add(buffer.AsSpan(0, SessionPacket.WriteRmcpPlus(buffer, PayloadType.Rakp1, 0, 0, new Rakp1(2, 1, new byte[16], 0x14, "admin"u8.ToArray()).ToArray(), SessionKeys.None, false)).ToArray());
        seeds.Add(buffer.AsSpan(0, SessionPacket.WriteRmcpPlus(buffer, PayloadType.Rakp3, 0, 0, new Rakp3(3, RakpStatus.NoErrors, 1, new byte[20]).ToArray(), SessionKeys.None, false)).ToArray());
        var auth = IpmiLanMessage.Request(new IpmiRequest(NetFn.App, 0x38, new byte[] { 0x8E, 0x04 }), 1).ToArray();
        seeds.Add(buffer.AsSpan(0, SessionPacket.WriteIpmi15(buffer, 0, 0, auth)).ToArray());
        seeds.Add(buffer.AsSpan(0, SessionPacket.WriteRmcpPlus(buffer, PayloadType.Ipmi, 0, 0, auth, SessionKeys.None, false)).ToArray());
        int answered = 0;
        const int Datagrams = 60_000;
        for (int i = 0; i < Datagrams; i++)
        {
            var d = seeds[random.Next(seeds.Count)].ToArray();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                d[random.Next(d.Length)] ^= (byte)(1 << random.Next(8));
            }
            var cut = d.AsSpan(0, random.Next(3) == 0 ? random.Next(d.Length + 1) : d.Length);
            responder.Receive(cut, remote, (_, _) => answered++);
        }
        output.WriteLine($"{Datagrams} mutated datagrams: {answered} answered, {responder.GarbageDatagrams} dropped as garbage, {responder.Sessions.Count} half-open sessions left");
        Assert.True(responder.GarbageDatagrams > 1000);
        Assert.True(answered > 1000);
        Assert.True(responder.Sessions.Count <= new ResponderSettings().SessionLimit, "garbage must not exceed the session limit");
    }
}

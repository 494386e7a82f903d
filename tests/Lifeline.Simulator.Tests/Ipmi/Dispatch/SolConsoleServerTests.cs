using System.Net;
using System.Text;
using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;
using Microsoft.Extensions.Time.Testing;
using SessionPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class SolConsoleServerTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>A fake clock that counts the timers made on it.</summary>
    private sealed class CountingClock() : FakeTimeProvider(TestNodes.Start)
    {
        public int Timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref Timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    private sealed class Rig
    {
        public Rig()
        {
            Model = TestNodes.On(Clock);
            Dispatcher = new IpmiCommandDispatcher(Model);
            Dispatcher.Sol.Attach((s, p) => Sent.Add((s, p)));
        }

        public CountingClock Clock { get; } = new();
        public BmcModel Model { get; }
        public IpmiCommandDispatcher Dispatcher { get; }
        public List<(ServerSession Session, byte[] Payload)> Sent { get; } = [];
        public ServerSession Session { get; } = DispatchHarness.Session(0x51);

        public IpmiResponse Send(ServerSession session, byte command, params byte[] data) =>
            Dispatcher.Handle(new IpmiCommandContext(session, SessionPrivilege.Administrator, new IPEndPoint(IPAddress.Loopback, 5000)),
                new IpmiRequest(NetFn.App, command, data));

        public IpmiResponse Activate(ServerSession session) => Send(session, 0x48, 0x01, 0x01, 0xC6, 0, 0, 0);

        public void FromConsole(byte sequence, byte ack, byte accepted, byte status, string text = "") =>
            Dispatcher.Sol.OnSolPayload(Session, [sequence, ack, accepted, status, .. Encoding.ASCII.GetBytes(text)]);

        public string Text(byte[] payload) => Encoding.ASCII.GetString(payload, 4, payload.Length - 4);
    }

    [Fact]
    public void ActivationAnswersThePayloadSizesAndPortAndASecondSessionGets80h()
    {
        var rig = new Rig();
        var response = rig.Activate(rig.Session);
        Assert.Equal(CompletionCode.Success, response.Code);
        var activated = ActivatePayloadResponse.Read(response.Data.Span);
        Assert.Equal(623, activated.PayloadPort);
        Assert.True(activated.OutboundPayloadSize >= 64);
        Assert.Equal(0x80, (byte)rig.Activate(DispatchHarness.Session(0x52)).Code);
        Assert.Equal(0x80, (byte)rig.Activate(rig.Session).Code);
        var status = PayloadActivationStatusResponse.Read(rig.Send(rig.Session, 0x4A, 0x01).Data.Span);
        Assert.True(status.IsActive(1));
        var instance = PayloadInstanceInfoResponse.Read(rig.Send(rig.Session, 0x4B, 0x01, 0x01).Data.Span);
        Assert.Equal(rig.Session.BmcSessionId, instance.SessionId);
    }

    [Fact]
    public void NoTimerRunsUntilASessionActivatesSol()
    {
        var rig = new Rig();
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, rig.Clock.Timers);
        rig.Activate(rig.Session);
        Assert.Equal(1, rig.Clock.Timers);
    }

    [Fact]
    public void NewConsoleOutputGoesOutAsNumberedPacketsOnceAcknowledged()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        var first = Assert.Single(rig.Sent);
        Assert.Equal(rig.Session, first.Session);
        Assert.Equal(1, first.Payload[0]);
        Assert.Contains("login: ", rig.Text(first.Payload));

        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        Assert.Single(rig.Sent); // stop and wait: nothing new while packet 1 is unacknowledged

        rig.FromConsole(0, 1, (byte)(first.Payload.Length - 4), 0);
        var second = rig.Sent[^1];
        Assert.Equal(2, second.Payload[0]);
        Assert.Contains("login: ", rig.Text(second.Payload));
    }

    [Fact]
    public void AnUnacknowledgedPacketIsSentAgainEveryRetryIntervalThenGivenUp()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        var packet = rig.Sent[0].Payload;
        var sol = rig.Dispatcher.Sol;
        for (int retry = 1; retry <= sol.RetryCount; retry++)
        {
            rig.Clock.Advance(sol.RetryInterval);
            Assert.Equal(retry + 1, rig.Sent.Count);
            Assert.Equal(packet, rig.Sent[^1].Payload);
        }
        Assert.Equal(sol.RetryCount, sol.Retransmissions);
        rig.Clock.Advance(sol.RetryInterval * 3);
        Assert.Equal(sol.RetryCount + 1, rig.Sent.Count);
    }

    [Fact]
    public void TypedCharactersReachTheConsoleOnceAndAreAcknowledged()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        long start = rig.Model.ConsoleEnd;
        rig.FromConsole(1, 0, 0, 0, "root\r");
        var ack = rig.Sent.First(p => p.Payload[0] == 0).Payload;
        Assert.Equal([0, 1, 5, 0], ack);
        rig.FromConsole(1, 0, 0, 0, "root\r"); // our ack was lost: the console sends packet 1 again
        Assert.Equal(2, rig.Sent.Count(p => p.Payload[0] == 0));
        Assert.Equal(Lifeline.Simulator.Model.HostStage.Password, rig.Model.HostStage);
        Assert.Equal("root\r\nPassword: ", TestNodes.ConsoleText(rig.Model, start));
    }

    [Fact]
    public void ANackThatTookSomeCharactersHasTheRestSentAsANewPacketAfterTheRetryInterval()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        var packet = rig.Sent[^1].Payload;
        rig.FromConsole(0, 1, 3, 0x40); // NACK: took 3 characters, cannot take more now
        int sent = rig.Sent.Count;
        rig.Clock.Advance(rig.Dispatcher.Sol.RetryInterval - Poll);
        Assert.Equal(sent, rig.Sent.Count);
        rig.Clock.Advance(Poll);
        var rest = rig.Sent[^1].Payload;
        Assert.Equal(2, rest[0]);
        Assert.Equal(rig.Text(packet)[3..], rig.Text(rest));
    }

    [Fact]
    public void ANackThatTookNothingHasTheSamePacketSentAgain()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        var packet = rig.Sent[^1].Payload;
        rig.FromConsole(0, 1, 0, 0x40);
        rig.Clock.Advance(rig.Dispatcher.Sol.RetryInterval);
        Assert.Equal(packet, rig.Sent[^1].Payload);
        rig.FromConsole(0, 1, (byte)(packet.Length - 4), 0);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        Assert.Equal(2, rig.Sent[^1].Payload[0]);
    }

    [Fact]
    public void FlushOutboundDropsWhatIsPendingAndSkipsToTheNewestOutput()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll);
        rig.FromConsole(0, 0, 0, 0x01);
        int sent = rig.Sent.Count;
        rig.Clock.Advance(rig.Dispatcher.Sol.RetryInterval * 2);
        Assert.Equal(sent, rig.Sent.Count);
    }

    [Fact]
    public void ACtsPauseHoldsNewOutput()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        rig.FromConsole(0, 0, 0, 0x08);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll * 4);
        Assert.Empty(rig.Sent);
        rig.FromConsole(0, 0, 0, 0);
        Assert.Contains("login: ", rig.Text(Assert.Single(rig.Sent).Payload));
    }

    [Fact]
    public void ABreakRequestReachesTheHostAsASerialBreak()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        long start = rig.Model.ConsoleEnd;
        rig.FromConsole(1, 0, 0, 0x10);
        rig.FromConsole(2, 0, 0, 0, "h");
        Assert.Contains("sysrq: HELP", TestNodes.ConsoleText(rig.Model, start));
    }

    [Fact]
    public void DeactivationStopsThePumpAndASecondDeactivationAnswers80h()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        Assert.Equal(CompletionCode.Success, rig.Send(rig.Session, 0x49, 0x01, 0x01, 0, 0, 0, 0).Code);
        Assert.Equal(0x80, (byte)rig.Send(rig.Session, 0x49, 0x01, 0x01, 0, 0, 0, 0).Code);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll * 4);
        Assert.Empty(rig.Sent);
        Assert.Null(rig.Dispatcher.Sol.ActiveSession);
        Assert.Equal(CompletionCode.Success, rig.Activate(DispatchHarness.Session(0x53)).Code);
    }

    [Fact]
    public void ClosingTheSessionStopsThePump()
    {
        var rig = new Rig();
        rig.Activate(rig.Session);
        rig.Dispatcher.Sol.OnSessionClosed(rig.Session);
        TestNodes.Type(rig.Model, "\r");
        rig.Clock.Advance(Poll * 4);
        Assert.Empty(rig.Sent);
        Assert.Null(rig.Dispatcher.Sol.ActiveSession);
    }

    [Fact]
    public void ADisabledSolAnswers81h()
    {
        var rig = new Rig();
        rig.Dispatcher.Sol.Enabled = false;
        Assert.Equal(0x81, (byte)rig.Activate(rig.Session).Code);
    }
}

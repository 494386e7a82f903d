using System.Net;
using System.Text;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Simulator.Ipmi;

namespace Lifeline.Simulator.Tests.Ipmi;

/// <summary>A minimal BMC for session-engine tests: the real responder and listener with a tiny command handler.</summary>
public sealed class TestBmc : IAsyncDisposable, IAccountDirectory, IIpmiCommandHandler
{
    private static int s_next = 10;
    private readonly UdpBmcListener _listener;

    public TestBmc(ResponderSettings? settings = null, int seed = 1)
    {
        Conditions = new NetworkConditions(seed);
        Responder = new RmcpPlusResponder(settings ?? new ResponderSettings(), this, this);
        // each test BMC on its own loopback address, port 623 needs root: use an ephemeral port
        var address = IPAddress.Parse($"127.0.9.{Interlocked.Increment(ref s_next) % 250 + 1}");
        _listener = new UdpBmcListener(new IPEndPoint(address, 0), Responder, Conditions);
        _listener.Start();
    }

    public RmcpPlusResponder Responder { get; }
    public NetworkConditions Conditions { get; }
    public IPEndPoint EndPoint => _listener.LocalEndPoint;
    public long DroppedByLoss => _listener.DroppedByLoss;
    public int HandledRequests;

    public BmcAccount? FindByName(string name) => name switch
    {
        "admin" => new BmcAccount(2, "admin", Encoding.ASCII.GetBytes("secret-pw"), PrivilegeLevel.Administrator),
        "viewer" => new BmcAccount(3, "viewer", Encoding.ASCII.GetBytes("viewpass"), PrivilegeLevel.User),
        _ => null,
    };

    public IpmiResponse Handle(IpmiCommandContext context, IpmiRequest request)
    {
        Interlocked.Increment(ref HandledRequests);
        return (request.NetFn, request.Command) switch
        {
            (NetFn.App, 0x01) => new IpmiResponse(CompletionCode.Success, new byte[] { 0x20, 0x81, 0x02, 0x31, 0x02, 0xBF, 0xA2, 0x02, 0x00, 0x34, 0x12 }),
            // §22.13 Get Channel Authentication Capabilities: channel 1, IPMI 2.0 extended, no anonymous login
            (NetFn.App, 0x38) => new IpmiResponse(CompletionCode.Success, new byte[] { 0x01, 0x80, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00 }),
            // a command that needs operator privilege
            (NetFn.Chassis, 0x02) when context.Privilege < PrivilegeLevel.Operator => new IpmiResponse(CompletionCode.InsufficientPrivilege, ReadOnlyMemory<byte>.Empty),
            (NetFn.Chassis, 0x02) => new IpmiResponse(CompletionCode.Success, ReadOnlyMemory<byte>.Empty),
            _ => new IpmiResponse(CompletionCode.InvalidCommand, ReadOnlyMemory<byte>.Empty),
        };
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

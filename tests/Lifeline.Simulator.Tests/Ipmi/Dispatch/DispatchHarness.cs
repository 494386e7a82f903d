using System.Net;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;
using PrivilegeLevel = Lifeline.Ipmi.Sessions.PrivilegeLevel;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

/// <summary>One model on a fake clock behind its dispatcher; requests go straight to Handle, no network.</summary>
internal sealed class DispatchHarness : IIpmiChannel
{
    private static readonly IPEndPoint Console = new(IPAddress.Loopback, 40001);

    public DispatchHarness(BmcOptions? options = null, bool on = true, DispatcherOptions? dispatcherOptions = null, int index = 0)
    {
        Clock = TestNodes.Clock();
        Model = on ? TestNodes.On(Clock, options, index) : TestNodes.Off(Clock, options, index);
        Dispatcher = new IpmiCommandDispatcher(Model, dispatcherOptions);
    }

    public FakeTimeProvider Clock { get; }
    public BmcModel Model { get; }
    public IpmiCommandDispatcher Dispatcher { get; }

    /// <summary>The privilege of requests sent through <see cref="IIpmiChannel"/> and <see cref="Send"/>.</summary>
    public PrivilegeLevel Privilege { get; set; } = PrivilegeLevel.Administrator;

    /// <summary>The delay the dispatcher asked for on the last answer.</summary>
    public TimeSpan LastDelay { get; private set; }

    public IpmiResponse Send(NetFn netFn, byte command, params byte[] data) => Send(netFn, command, data, Privilege, session: null);

    public IpmiResponse Send(NetFn netFn, byte command, byte[] data, PrivilegeLevel privilege, ServerSession? session)
    {
        var context = new IpmiCommandContext(session, privilege, Console);
        var response = Dispatcher.Handle(context, new IpmiRequest(netFn, command, data));
        LastDelay = context.ResponseDelay;
        return response;
    }

    /// <summary>A typed command through the dispatcher, as a client would send it.</summary>
    public TResponse Execute<TResponse>(IIpmiCommand<TResponse> command)
    {
        var w = new IpmiWriter();
        command.WriteRequest(w);
        var response = Send(command.NetFn, command.Command, w.ToArray());
        Assert.True(response.IsSuccess, $"{command.Name} answered {(byte)response.Code:X2}h");
        return command.ReadResponse(response.Data.Span);
    }

    public Task<IpmiResponse> SendAsync(IpmiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request.NetFn, request.Command, request.Data.ToArray()));

    /// <summary>An established RMCP+ session as the session engine would hand it to the dispatcher.</summary>
    public static ServerSession Session(uint id = 0x1000, PrivilegeLevel privilege = PrivilegeLevel.Administrator) =>
        new(id, id + 0x100, CipherSuite.Suite3, privilege, Console, 0)
        {
            Account = new BmcAccount(2, "admin", "pw"u8.ToArray(), PrivilegeLevel.Administrator),
            MaximumPrivilege = privilege,
            Privilege = privilege,
            Active = true,
            Handle = (byte)(id & 0xFF),
        };
}

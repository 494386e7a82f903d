using System.Net;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Fleet;

/// <summary>One simulated server: its model and its IPMI-over-LAN face on one UDP endpoint.</summary>
public sealed class SimulatedNode : IAsyncDisposable
{
    internal SimulatedNode(BmcModel model, RmcpPlusResponder responder, UdpBmcListener listener)
    {
        Model = model;
        Responder = responder;
        Listener = listener;
    }

    public BmcModel Model { get; }
    public RmcpPlusResponder Responder { get; }
    public UdpBmcListener Listener { get; }
    public IPEndPoint IpmiEndPoint => Listener.LocalEndPoint;
    public string Name => Model.Name;

    public ValueTask DisposeAsync() => Listener.DisposeAsync();
}

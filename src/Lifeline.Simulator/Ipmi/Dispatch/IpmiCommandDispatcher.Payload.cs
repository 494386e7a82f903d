using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// App (NetFn 06h) payload commands (§24): SOL instance 1 of this node, run by its SolConsoleServer.
public sealed partial class IpmiCommandDispatcher
{
    private static IEnumerable<Command> PayloadCommands() =>
    [
        new(NetFn.App, 0x48, "Activate Payload", 6, 6, static (d, c, data) => d.Sol.Activate(c, ActivatePayload.Read(data), d.Port)),
        new(NetFn.App, 0x49, "Deactivate Payload", 6, 6, static (d, c, data) => d.Sol.Deactivate(c, DeactivatePayload.Read(data))),
        new(NetFn.App, 0x4A, "Get Payload Activation Status", 1, 1,
            static (d, _, data) => d.Sol.ActivationStatus(GetPayloadActivationStatus.Read(data))),
        new(NetFn.App, 0x4B, "Get Payload Instance Info", 2, 2, static (d, _, data) => d.Sol.InstanceInfo(GetPayloadInstanceInfo.Read(data))),
    ];
}

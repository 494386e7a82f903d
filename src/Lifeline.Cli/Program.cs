using Lifeline.Drivers;
using System.Runtime.InteropServices;
using Lifeline.Cli.Backend;
using Lifeline.Drivers.Ipmi;
using Lifeline.Drivers.Redfish;
using Lifeline.Cli.Backend.Simulator;
using Lifeline.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

// The `lifeline` command: the IPMI and Redfish backends behind a router (by URL scheme) for BMC verbs; anything not registered here falls back to the defaults in
// CliApp.AddLifelineCli.

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop gracefully (unfinished nodes are reported as cancelled). A second one kills the process.
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

var services = new ServiceCollection();
services.AddSingleton<IpmiBmcBackend>();
services.AddSingleton<RedfishBmcBackend>();
services.AddSingleton<IBmcBackend>(sp => new RoutingBackend(sp.GetRequiredService<IpmiBmcBackend>(), sp.GetRequiredService<RedfishBmcBackend>()));
services.AddSingleton<ISimulatorHost, SimulatedFleetHost>();
return await CliApp.RunAsync(args, services, cancel.Token);

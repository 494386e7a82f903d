using Lifeline.Drivers;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Cli.Tests.Fakes;

/// <summary>Runs the real Spectre command tree in-process against a fake backend, terminal and environment.</summary>
internal sealed class CliRunner
{
    public FakeBackend Backend { get; } = new();

    public FakeTerminal Terminal { get; } = new();

    /// <summary>Used instead of <see cref="Terminal"/> when set.</summary>
    public ITerminal? TerminalOverride { get; set; }

    public FakeEnvironment Environment { get; } = new FakeEnvironment().Set("LIFELINE_BMC_PASSWORD", "s3cret");

    /// <summary>The HTTP handler fleet commands use (a fake service); the real network when null.</summary>
    public HttpMessageHandler? FleetHandler { get; set; }

    /// <summary>The clock; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    public async Task<int> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IBmcBackend>(Backend);
        services.AddSingleton<ISimulatorHost>(Backend);
        services.AddSingleton(TerminalOverride ?? Terminal);
        services.AddSingleton<IEnvironment>(Environment);
        if (FleetHandler is not null)
        {
            services.AddSingleton(new FleetHttp(FleetHandler));
        }

        if (Time is not null)
        {
            services.AddSingleton(Time);
        }

        Configure?.Invoke(services);
        return await CliApp.RunAsync(args, services, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    /// <summary>More registrations (a fake console terminal), applied last.</summary>
    public Action<IServiceCollection>? Configure { get; set; }

    public string[] OutputLines => Terminal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

using Lifeline.Drivers;
using Lifeline.Cli.Backend;
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

    public async Task<int> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IBmcBackend>(Backend);
        services.AddSingleton<ISimulatorHost>(Backend);
        services.AddSingleton(TerminalOverride ?? Terminal);
        services.AddSingleton<IEnvironment>(Environment);
        return await CliApp.RunAsync(args, services, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public string[] OutputLines => Terminal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

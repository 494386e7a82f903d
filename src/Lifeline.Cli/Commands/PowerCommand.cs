using Lifeline.Drivers;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>power status|on|off|cycle|reset|soft|diag</c>; the action is the command's data.</summary>
public sealed class PowerCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public PowerCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken)
    {
        var action = (PowerAction)context.Data!;
        return _runner.RunAsync($"power {ResultViews.Word(action)}", settings, ResultViews.Power, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.PowerAsync(target, connection, action, ct), cancellationToken);
    }
}

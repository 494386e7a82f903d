using Lifeline.Drivers;
using Lifeline.Cli.Output;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>sensors</c>.</summary>
public sealed class SensorsCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public SensorsCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("sensors", settings, ResultViews.Sensors, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.ReadSensorsAsync(target, connection, ct), cancellationToken);
}

/// <summary><c>sel list</c>.</summary>
public sealed class SelListCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public SelListCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("sel list", settings, ResultViews.Sel, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.ListSelAsync(target, connection, ct), cancellationToken);
}

/// <summary><c>sel clear</c>.</summary>
public sealed class SelClearCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public SelClearCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("sel clear", settings, ResultViews.Action, VerbRunner.SimpleExchanges * 2,
            (target, connection, ct) => _runner.Backend.ClearSelAsync(target, connection, ct), cancellationToken);
}

/// <summary><c>inventory</c>.</summary>
public sealed class InventoryCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public InventoryCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("inventory", settings, ResultViews.Inventory, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.ReadInventoryAsync(target, connection, ct), cancellationToken);
}

/// <summary><c>bmc info</c>.</summary>
public sealed class BmcInfoCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public BmcInfoCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("bmc info", settings, ResultViews.BmcInfo, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.GetBmcInfoAsync(target, connection, ct), cancellationToken);
}

using Lifeline.Drivers;
using System.ComponentModel;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>boot &lt;device&gt; [--persistent] [--efi]</c>; the device is the command's data.</summary>
public sealed class BootSetCommand : AsyncCommand<BootSetCommand.Settings>
{
    private readonly VerbRunner _runner;

    public BootSetCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandOption("--persistent")]
        [Description("Keep this boot device for all future boots, not just the next one.")]
        public bool Persistent { get; set; }

        [CommandOption("--efi")]
        [Description("Request an EFI boot instead of legacy BIOS.")]
        public bool Efi { get; set; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = new BootRequest((BootDevice)context.Data!, settings.Persistent, settings.Efi);
        return _runner.RunAsync($"boot {ResultViews.Word(request.Device)}", settings, ResultViews.Boot, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.SetBootAsync(target, connection, request, ct), cancellationToken);
    }
}

/// <summary><c>boot status</c>.</summary>
public sealed class BootStatusCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public BootStatusCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("boot status", settings, ResultViews.Boot, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.GetBootAsync(target, connection, ct), cancellationToken);
}

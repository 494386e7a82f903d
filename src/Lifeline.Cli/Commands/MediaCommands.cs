using Lifeline.Drivers;
using System.ComponentModel;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>media insert URL</c> (Redfish virtual media).</summary>
public sealed class MediaInsertCommand : AsyncCommand<MediaInsertCommand.Settings>
{
    private readonly VerbRunner _runner;

    public MediaInsertCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandArgument(0, "<URL>")]
        [Description("The image the BMC mounts as a virtual CD/DVD (http://, https://, nfs://, ...).")]
        public string Url { get; set; } = "";

        public override ValidationResult Validate() =>
            Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0
                ? base.Validate()
                : ValidationResult.Error($"media insert '{Url}': expected an absolute URL the BMC can fetch, like http://server/image.iso");
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new MediaInsertRequest(settings.Url);
        return _runner.RunAsync("media insert", settings, ResultViews.Action, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.InsertMediaAsync(target, connection, request, ct), cancellationToken);
    }
}

/// <summary><c>media eject</c> (Redfish virtual media).</summary>
public sealed class MediaEjectCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public MediaEjectCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("media eject", settings, ResultViews.Action, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.EjectMediaAsync(target, connection, ct), cancellationToken);
}

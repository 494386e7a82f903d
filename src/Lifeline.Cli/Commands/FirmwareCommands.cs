using Lifeline.Drivers;
using System.ComponentModel;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>firmware list</c> (Redfish).</summary>
public sealed class FirmwareListCommand : AsyncCommand<BmcSettings>
{
    private readonly VerbRunner _runner;

    public FirmwareListCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, BmcSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("firmware list", settings, RedfishResultViews.FirmwareList, VerbRunner.BulkExchanges,
            (target, connection, ct) => _runner.Backend.ListFirmwareAsync(target, connection, ct), cancellationToken);
}

/// <summary><c>firmware update --image FILE|URL</c> (Redfish): a URL goes to SimpleUpdate, a file is uploaded.</summary>
public sealed class FirmwareUpdateCommand : AsyncCommand<FirmwareUpdateCommand.Settings>
{
    /// <summary>Without --deadline, an update may take this many exchange budgets (about 34 minutes by default).</summary>
    public const int UpdateExchanges = 256;

    private readonly VerbRunner _runner;

    public FirmwareUpdateCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandOption("--image <FILE|URL>")]
        [Description("The firmware image: a URL the BMC fetches (SimpleUpdate), or a local file uploaded to it (multipart push).")]
        public string? Image { get; set; }

        /// <summary>True when <see cref="Image"/> is a URL (it has a scheme).</summary>
        public bool IsUrl => Image is { } i && i.Contains("://", StringComparison.Ordinal);

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Image))
            {
                return ValidationResult.Error("firmware update: --image FILE|URL is required");
            }

            if (!IsUrl && !File.Exists(Image))
            {
                return ValidationResult.Error($"firmware update --image '{Image}': no such file (a URL needs its scheme, like http://)");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = settings.IsUrl
            ? new Lifeline.Drivers.FirmwareUpdateRequest(settings.Image, null)
            : new Lifeline.Drivers.FirmwareUpdateRequest(null, Path.GetFullPath(settings.Image!));
        return _runner.RunAsync("firmware update", settings, RedfishResultViews.FirmwareUpdate, UpdateExchanges,
            (target, connection, ct) => _runner.Backend.UpdateFirmwareAsync(target, connection, request, ct), cancellationToken);
    }
}

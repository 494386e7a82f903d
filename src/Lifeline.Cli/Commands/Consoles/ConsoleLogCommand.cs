using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Consoles;

/// <summary><c>console log NODE [--since 1h|ISO] [--until …] [--grep RE] [--limit N]</c>: the node's logged console output.</summary>
public sealed class ConsoleLogCommand : AsyncCommand<ConsoleLogCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;

    public ConsoleLogCommand(FleetOperationRunner runner, ITerminal terminal, TimeProvider time)
    {
        _runner = runner;
        _terminal = terminal;
        _time = time;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NODE>")]
        [Description("The node whose console log to read.")]
        public string Node { get; set; } = "";

        [CommandOption("--since <WHEN>")]
        [Description("Only lines from then on: an age (30m, 1h, 2d) or an ISO time.")]
        public string? Since { get; set; }

        [CommandOption("--until <WHEN>")]
        [Description("Only lines before this (same forms as --since).")]
        public string? Until { get; set; }

        [CommandOption("--grep <REGEX>")]
        [Description("Only lines matching this regular expression.")]
        public string? Grep { get; set; }

        [CommandOption("--limit <N>")]
        [Description("At most this many lines (the newest).")]
        public int? Limit { get; set; }

        public override ValidationResult Validate()
        {
            if (Limit is < 1 or > 10_000_000)
            {
                return ValidationResult.Error($"--limit {Limit}: expected 1 to 10000000");
            }

            if (Grep is { } grep)
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(grep, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    return ValidationResult.Error($"--grep '{grep}': not a regular expression ({e.Message})");
                }
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ConsoleNames.Check(settings.Node);
        var now = _time.GetUtcNow();
        var query = new List<string>();
        if (settings.Since is { } since)
        {
            query.Add($"since={Uri.EscapeDataString(AuditCommand.ParseWhen(since, "--since", now).ToString("O", CultureInfo.InvariantCulture))}");
        }

        if (settings.Until is { } until)
        {
            query.Add($"until={Uri.EscapeDataString(AuditCommand.ParseWhen(until, "--until", now).ToString("O", CultureInfo.InvariantCulture))}");
        }

        if (settings.Grep is { } grep)
        {
            query.Add($"grep={Uri.EscapeDataString(grep)}");
        }

        if (settings.Limit is { } limit)
        {
            query.Add($"limit={limit.ToString(CultureInfo.InvariantCulture)}");
        }

        using var client = _runner.Clients.Create(settings.TimeoutSpan);
        string path = $"consoles/{Uri.EscapeDataString(settings.Node)}/log{(query.Count > 0 ? "?" + string.Join('&', query) : "")}";
        string text = await client.GetTextAsync(path, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteAsync(text).ConfigureAwait(false);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            await _terminal.Out.WriteLineAsync().ConfigureAwait(false);
        }

        if (text.Length == 0)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: no console output logged for {settings.Node}{(query.Count > 0 ? " in that window" : "")}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

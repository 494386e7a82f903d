using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>audit [--since 1h|ISO] [--until …] [--user U] [--action A] [--limit N]</c>: newest first.</summary>
public sealed class AuditCommand : AsyncCommand<AuditCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;

    public AuditCommand(FleetClientFactory clients, ITerminal terminal, TimeProvider time)
    {
        _clients = clients;
        _terminal = terminal;
        _time = time;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--since <WHEN>")]
        [Description("Only entries after this: a duration back from now (90s, 30m, 1h, 2d, 1w) or a time (2026-05-01T08:00Z).")]
        public string? Since { get; set; }

        [CommandOption("--until <WHEN>")]
        [Description("Only entries before this (same forms as --since).")]
        public string? Until { get; set; }

        [CommandOption("--user <NAME>")]
        [Description("Only this user's entries (others than yourself need admin over *).")]
        public string? User { get; set; }

        [CommandOption("--action <PREFIX>")]
        [Description("Only actions starting with this: power, nodes.add, auth.login, …")]
        public string? Action { get; set; }

        [CommandOption("--limit <N>")]
        [Description("At most this many entries (1-1000).")]
        [DefaultValue(100)]
        public int Limit { get; set; } = 100;

        public override ValidationResult Validate() =>
            Limit is < 1 or > 1000 ? ValidationResult.Error($"--limit {Limit}: expected 1 to 1000") : base.Validate();
    }

    /// <summary>
    /// <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>2d</c>, <c>1w</c> back from <paramref name="now"/>, or an ISO 8601 time
    /// (UTC when it names no offset).
    /// </summary>
    /// <exception cref="UsageException">Neither.</exception>
    public static DateTimeOffset ParseWhen(string text, string option, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Length >= 2 && char.IsAsciiLetter(t[^1])
            && double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount) && amount >= 0)
        {
            TimeSpan? span = char.ToLowerInvariant(t[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(amount * 7),
                _ => null,
            };
            if (span is { } s && s < TimeSpan.FromDays(36500))
            {
                return now - s;
            }
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return time;
        }

        throw new UsageException($"{option} '{text}': expected a duration back from now (90s, 30m, 1h, 2d, 1w) or a time such as 2026-05-01T08:00Z");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = _time.GetUtcNow();
        var query = new List<string> { $"limit={settings.Limit.ToString(CultureInfo.InvariantCulture)}" };
        if (settings.Since is { } since)
        {
            query.Add($"since={Uri.EscapeDataString(ParseWhen(since, "--since", now).ToString("O", CultureInfo.InvariantCulture))}");
        }

        if (settings.Until is { } until)
        {
            query.Add($"until={Uri.EscapeDataString(ParseWhen(until, "--until", now).ToString("O", CultureInfo.InvariantCulture))}");
        }

        if (settings.User is { } user)
        {
            query.Add($"user={Uri.EscapeDataString(user)}");
        }

        if (settings.Action is { } action)
        {
            query.Add($"action={Uri.EscapeDataString(action)}");
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        var entries = await client.GetAsync<AuditItem[]>($"audit?{string.Join('&', query)}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, entries);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["ID", "TIME", "ACTOR", "SOURCE", "ACTION", "TARGET", "OUTCOME"], entries.Select(e => new[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture), CachedState.Time(e.Time), e.Actor, e.Source, e.Action, e.Target ?? "-", e.Outcome,
        }));
        if (entries.Length == settings.Limit)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: showing the newest {settings.Limit}; raise --limit or narrow with --since/--user/--action for more").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>tokens list [--user NAME | --all]</c>: your API tokens (admins: anyone's).</summary>
public sealed class TokensListCommand : AsyncCommand<TokensListCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public TokensListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--user <NAME>")]
        [Description("Another user's tokens (admin over *).")]
        public string? User { get; set; }

        [CommandOption("--all")]
        [Description("Every user's tokens (admin over *).")]
        public bool All { get; set; }

        public override ValidationResult Validate() =>
            All && User is not null ? ValidationResult.Error("choose one of --user and --all") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        string path = settings.All ? "tokens?user=*" : settings.User is { } user ? $"tokens?user={Uri.EscapeDataString(user)}" : "tokens";
        var tokens = await client.GetAsync<TokenListItem[]>(path, cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, tokens);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["ID", "NAME", "USER", "MAX ROLE", "CREATED", "EXPIRES", "LAST USED"], tokens.Select(t => new[]
        {
            t.Id, t.Name, t.UserName, Grants.Word(t.MaxRole), CachedState.Time(t.CreatedAt), CachedState.Time(t.ExpiresAt),
            t.LastUsedAt is { } used ? CachedState.Time(used) : "never",
        }));
        return ExitCodes.Ok;
    }
}

/// <summary>
/// <c>tokens create --name N [--role R] [--ttl-hours H]</c>: prints the new token on stdout, once (the service keeps
/// only its hash), for a script or CI to store as LIFELINE_TOKEN.
/// </summary>
public sealed class TokensCreateCommand : AsyncCommand<TokensCreateCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public TokensCreateCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("A label for the token (ci, dashboard).")]
        public string? Name { get; set; }

        [CommandOption("--role <ROLE>")]
        [Description("The most the token may do: viewer, operator or admin (default: as much as the token you use).")]
        public string? Role { get; set; }

        [CommandOption("--ttl-hours <HOURS>")]
        [Description("How long the token lives (default: the service's API token lifetime).")]
        public double? TtlHours { get; set; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                return ValidationResult.Error("tokens create needs --name NAME (a label such as ci)");
            }

            if (Role is not null && !Grants.TryRole(Role, out _))
            {
                return ValidationResult.Error($"--role '{Role}': expected viewer, operator or admin");
            }

            if (TtlHours is { } h && !(h > 0))
            {
                return ValidationResult.Error($"--ttl-hours {h.ToString(CultureInfo.InvariantCulture)}: expected a positive number of hours");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Role? role = settings.Role is { } text && Grants.TryRole(text, out var parsed) ? parsed : null;
        using var client = _clients.Create(settings.TimeoutSpan);
        var token = await client.SendAsync<TokenAnswer>(HttpMethod.Post, "tokens", new CreateTokenBody(settings.Name!, role, settings.TtlHours), cancellationToken)
            .ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(token.Token).ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _terminal.Error.WriteLineAsync(
            $"lifeline: token {token.Id} ({settings.Name}) expires {CachedState.Time(token.ExpiresAt)}; it is shown only this once: store it now (e.g. as LIFELINE_TOKEN)")
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>tokens revoke ID</c>.</summary>
public sealed class TokensRevokeCommand : AsyncCommand<TokensRevokeCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public TokensRevokeCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The token's id (lifeline tokens list).")]
        public string Id { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"tokens/{Uri.EscapeDataString(settings.Id)}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"revoked token {settings.Id}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

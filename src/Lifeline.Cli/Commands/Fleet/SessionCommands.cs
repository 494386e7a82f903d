using System.ComponentModel;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Cli.Secrets;
using Lifeline.Fleet.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>
/// <c>login URL [--user NAME]</c>: exchanges the user's password (LIFELINE_PASSWORD or a prompt) for an API token
/// and stores URL, user and token in the config file (mode 0600). The token is never printed.
/// </summary>
public sealed class LoginCommand : AsyncCommand<LoginCommand.Settings>
{
    /// <summary>The name the service records for tokens made by <c>lifeline login</c>.</summary>
    public const string TokenName = "lifeline-cli";

    private readonly FleetClientFactory _clients;
    private readonly FleetHttp _http;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;
    private readonly TimeProvider _time;

    public LoginCommand(FleetClientFactory clients, FleetHttp http, ITerminal terminal, IEnvironment environment, TimeProvider time)
    {
        _clients = clients;
        _http = http;
        _terminal = terminal;
        _environment = environment;
        _time = time;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<URL>")]
        [Description("The fleet service: http://HOST:PORT or https://HOST:PORT.")]
        public string Url { get; set; } = "";

        [CommandOption("--user <NAME>")]
        [Description("The user to log in as. The password comes from LIFELINE_PASSWORD, or a prompt.")]
        [DefaultValue("admin")]
        public string User { get; set; } = "admin";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(User) ? ValidationResult.Error("--user: give a user name") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = ServiceUrl.Parse(settings.Url, "login");
        string shown = ServiceUrl.Show(root);
        string password = ServicePassword.Resolve(_environment, _terminal, ServicePassword.LoginVariable, $"{settings.User} at {shown}", confirm: false, cancellationToken);
        using var client = new FleetClient(root, token: null, _http.Handler, settings.TimeoutSpan, _time);
        var answer = await client.SendAsync<TokenAnswer>(HttpMethod.Post, "auth/login", new LoginRequest(settings.User, password, TokenName), cancellationToken)
            .ConfigureAwait(false);
        _clients.Config.Save(new FleetConfig(shown, answer.User ?? settings.User, answer.Token));
        await _terminal.Out.WriteLineAsync(
            $"logged in to {shown} as {answer.User ?? settings.User}; token {answer.Id} (expires {CachedState.Time(answer.ExpiresAt)}) stored in {_clients.Config.Path}").ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_environment.GetVariable(ServiceEndpoint.UrlVariable)) || !string.IsNullOrEmpty(_environment.GetVariable(ServiceEndpoint.TokenVariable)))
        {
            await _terminal.Error.WriteLineAsync(
                $"lifeline: note: {ServiceEndpoint.UrlVariable}/{ServiceEndpoint.TokenVariable} are set and win over the stored login").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>logout</c>: revokes the stored token at the service and deletes it from the config file.</summary>
public sealed class LogoutCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public LogoutCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = _clients.LoadConfig();
        if (config?.Token is null || config.Url is null)
        {
            await _terminal.Error.WriteLineAsync("lifeline: not logged in (no stored token); nothing to do").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var root = ServiceUrl.Parse(config.Url, "the config file's url");
        string shown = ServiceUrl.Show(root);
        int exit = ExitCodes.Ok;
        if (ServiceEndpoint.TokenId(config.Token) is { } id)
        {
            try
            {
                using var client = _clients.Create(new ServiceEndpoint(root, config.Token, config.User), settings.TimeoutSpan);
                await client.SendAsync(HttpMethod.Delete, $"tokens/{Uri.EscapeDataString(id)}", null, cancellationToken).ConfigureAwait(false);
            }
            catch (FleetRequestException e) when (e.Status is 401 or 404)
            {
                // Expired or revoked already: nothing left to revoke.
            }
            catch (FleetRequestException e)
            {
                await _terminal.Error.WriteLineAsync($"lifeline: could not revoke the token at {shown}: {e.Describe()}; deleting it here anyway").ConfigureAwait(false);
                exit = ExitCodes.SomeFailed;
            }
        }

        _clients.Config.Save(config with { Token = null });
        await _terminal.Out.WriteLineAsync($"logged out of {shown}").ConfigureAwait(false);
        return exit;
    }
}

/// <summary><c>whoami</c>: the user, grants and token the service sees.</summary>
public sealed class WhoAmICommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public WhoAmICommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var me = await client.GetAsync<WhoAmI>("auth/whoami", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, [me]);
            return ExitCodes.Ok;
        }

        await _terminal.Out.WriteLineAsync($"{me.User} at {ServiceUrl.Show(client.Root)}: {Grants.Describe(me.Grants)}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(
            $"token {me.Token.Id} ({me.Token.Name}), max role {Grants.Word(me.Token.MaxRole)}, expires {CachedState.Time(me.Token.ExpiresAt)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>Roles and grants as written on the command line and in output: <c>operator:rack1</c>, <c>admin</c> (= <c>admin:*</c>).</summary>
public static class Grants
{
    public static string Word(Role role) => role.ToString().ToLowerInvariant();

    /// <summary><c>admin over *, operator over rack1</c>, or <c>no grants</c>.</summary>
    public static string Describe(IReadOnlyList<RoleGrant>? grants) =>
        grants is null || grants.Count == 0 ? "no grants" : string.Join(", ", grants.Select(g => $"{Word(g.Role)} over {g.Scope}"));

    /// <summary><c>admin:*,operator:rack1</c> for a table cell.</summary>
    public static string Short(IReadOnlyList<RoleGrant>? grants) =>
        grants is null || grants.Count == 0 ? "-" : string.Join(",", grants.Select(g => $"{Word(g.Role)}:{g.Scope}"));

    /// <summary>Parses <c>ROLE[:SCOPE]</c> (scope <c>*</c> when left out).</summary>
    /// <exception cref="UsageException">Not a role.</exception>
    public static RoleGrant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string role = colon < 0 ? text : text[..colon];
        string scope = colon < 0 ? RoleGrant.Everything : text[(colon + 1)..];
        if (!TryRole(role, out var parsed))
        {
            throw new UsageException($"--role '{text}': expected ROLE[:SCOPE] with ROLE viewer, operator or admin and SCOPE * or a group (operator:rack1)");
        }

        if (scope.Length == 0)
        {
            throw new UsageException($"--role '{text}': the scope after ':' is empty; use * for everything or a group name");
        }

        return new RoleGrant(parsed, scope);
    }

    /// <summary>viewer, operator or admin.</summary>
    public static bool TryRole(string text, out Role role)
    {
        role = default;
        return text.ToLowerInvariant() is "viewer" or "operator" or "admin" && Enum.TryParse(text, ignoreCase: true, out role);
    }
}

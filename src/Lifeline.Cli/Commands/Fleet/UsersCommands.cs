using System.ComponentModel;
using System.Text.Json.Nodes;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Cli.Secrets;
using Lifeline.Fleet.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>users list</c>.</summary>
public sealed class UsersListCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public UsersListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var users = await client.GetAsync<UserItem[]>("users", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, users);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["NAME", "ROLES", "STATUS", "CREATED"], users.Select(u => new[]
        {
            u.Name, Grants.Short(u.Grants), UsersShowCommand.Status(u), CachedState.Time(u.CreatedAt),
        }));
        return ExitCodes.Ok;
    }
}

/// <summary>Settings of the commands on one user.</summary>
public class UserSettings : ServiceSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The user.")]
    public string Name { get; set; } = "";
}

/// <summary><c>users show NAME</c>.</summary>
public sealed class UsersShowCommand : AsyncCommand<UserSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public UsersShowCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    /// <summary><c>enabled</c>, <c>disabled</c>, or <c>locked until …</c>, with failed logins.</summary>
    public static string Status(UserItem user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string status = user.Disabled ? "disabled" : user.LockedUntil is { } until ? $"locked until {CachedState.Time(until)}" : "enabled";
        return user.FailedLogins > 0 ? $"{status}, {user.FailedLogins} failed logins" : status;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, UserSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var user = await client.GetAsync<UserItem>($"users/{Uri.EscapeDataString(settings.Name)}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, [user]);
            return ExitCodes.Ok;
        }

        await _terminal.Out.WriteLineAsync($"{"name:",-10}{user.Name}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"{"roles:",-10}{Grants.Describe(user.Grants)}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"{"status:",-10}{Status(user)}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"{"created:",-10}{CachedState.Time(user.CreatedAt)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>
/// <c>users add NAME --role ROLE[:SCOPE]…</c>: the password from LIFELINE_USER_PASSWORD or a prompt (asked twice).
/// </summary>
public sealed class UsersAddCommand : AsyncCommand<UsersAddCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;

    public UsersAddCommand(FleetClientFactory clients, ITerminal terminal, IEnvironment environment)
    {
        _clients = clients;
        _terminal = terminal;
        _environment = environment;
    }

    public sealed class Settings : UserSettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("ROLE or ROLE:SCOPE: viewer, operator or admin, over * (default) or a group (operator:rack1). Repeatable.")]
        public string[] Roles { get; set; } = [];

        public override ValidationResult Validate() =>
            Roles.Length == 0 ? ValidationResult.Error("users add needs at least one --role ROLE[:SCOPE] (viewer, operator or admin; e.g. operator:rack1)") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var grants = settings.Roles.Select(Grants.Parse).ToList();
        using var client = _clients.Create(settings.TimeoutSpan);
        string password = ServicePassword.Resolve(_environment, _terminal, ServicePassword.UserVariable, $"the new user {settings.Name}", confirm: true, cancellationToken);
        var user = await client.SendAsync<UserItem>(HttpMethod.Post, "users", new CreateUserBody(settings.Name, password, grants), cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"added user {user.Name}: {Grants.Describe(user.Grants)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>
/// <c>users set NAME [--role ROLE[:SCOPE]…] [--password] [--disable|--enable] [--unlock]</c>: <c>--role</c> replaces
/// the grants; <c>--password</c> reads a new one from LIFELINE_USER_PASSWORD or a prompt.
/// </summary>
public sealed class UsersSetCommand : AsyncCommand<UsersSetCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;

    public UsersSetCommand(FleetClientFactory clients, ITerminal terminal, IEnvironment environment)
    {
        _clients = clients;
        _terminal = terminal;
        _environment = environment;
    }

    public sealed class Settings : UserSettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("Replace the grants with these (repeatable): ROLE or ROLE:SCOPE, as for users add.")]
        public string[] Roles { get; set; } = [];

        [CommandOption("--password")]
        [Description("Set a new password (from LIFELINE_USER_PASSWORD, or a prompt).")]
        public bool Password { get; set; }

        [CommandOption("--disable")]
        [Description("Refuse the user's logins and tokens.")]
        public bool Disable { get; set; }

        [CommandOption("--enable")]
        [Description("Allow them again.")]
        public bool Enable { get; set; }

        [CommandOption("--unlock")]
        [Description("Clear a lockout after failed logins.")]
        public bool Unlock { get; set; }

        public override ValidationResult Validate()
        {
            if (Disable && Enable)
            {
                return ValidationResult.Error("choose one of --disable and --enable");
            }

            return Roles.Length == 0 && !Password && !Disable && !Enable && !Unlock
                ? ValidationResult.Error("nothing to change: give --role, --password, --disable, --enable or --unlock")
                : base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var patch = new JsonObject();
        if (settings.Roles.Length > 0)
        {
            patch["grants"] = System.Text.Json.JsonSerializer.SerializeToNode(settings.Roles.Select(Grants.Parse).ToArray(), FleetJson.Options);
        }

        if (settings.Disable || settings.Enable)
        {
            patch["disabled"] = settings.Disable;
        }

        if (settings.Unlock)
        {
            patch["unlock"] = true;
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        if (settings.Password)
        {
            patch["password"] = ServicePassword.Resolve(_environment, _terminal, ServicePassword.UserVariable, $"user {settings.Name} (new)", confirm: true, cancellationToken);
        }

        var user = await client.SendAsync<UserItem>(HttpMethod.Patch, $"users/{Uri.EscapeDataString(settings.Name)}", patch, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"changed user {user.Name}: {Grants.Describe(user.Grants)}; {UsersShowCommand.Status(user)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>users remove NAME</c>.</summary>
public sealed class UsersRemoveCommand : AsyncCommand<UserSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public UsersRemoveCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, UserSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"users/{Uri.EscapeDataString(settings.Name)}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"removed user {settings.Name}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

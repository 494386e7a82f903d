using System.ComponentModel;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Cli.Secrets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>credentials list</c>: names and BMC user names (never passwords).</summary>
public sealed class CredentialsListCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public CredentialsListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var credentials = await client.GetAsync<CredentialItem[]>("credentials", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, credentials);
        }
        else
        {
            ListOutput.Table(_terminal.Out, ["NAME", "USER", "UPDATED"], credentials.Select(c => new[] { c.Name, c.UserName, CachedState.Time(c.UpdatedAt) }));
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>credentials set NAME --user U</c>: the BMC password from LIFELINE_BMC_PASSWORD or a prompt.</summary>
public sealed class CredentialsSetCommand : AsyncCommand<CredentialsSetCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;

    public CredentialsSetCommand(FleetClientFactory clients, ITerminal terminal, IEnvironment environment)
    {
        _clients = clients;
        _terminal = terminal;
        _environment = environment;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The credential's name (nodes and groups refer to it).")]
        public string Name { get; set; } = "";

        [CommandOption("--user <USER>")]
        [Description("The BMC user name. The password comes from LIFELINE_BMC_PASSWORD, or a prompt.")]
        public string? User { get; set; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(User) ? ValidationResult.Error("credentials set needs --user USER (the BMC user name)") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        string password = ServicePassword.Resolve(_environment, _terminal, ServicePassword.BmcVariable, $"BMC user {settings.User} (credential {settings.Name})", confirm: true, cancellationToken);
        var stored = await client.SendAsync<CredentialItem>(HttpMethod.Put, $"credentials/{Uri.EscapeDataString(settings.Name)}",
            new CredentialBody(settings.User!, password), cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"stored credential {stored.Name} (BMC user {stored.UserName})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>credentials remove NAME</c>.</summary>
public sealed class CredentialsRemoveCommand : AsyncCommand<CredentialsRemoveCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public CredentialsRemoveCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The credential.")]
        public string Name { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"credentials/{Uri.EscapeDataString(settings.Name)}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"removed credential {settings.Name}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
